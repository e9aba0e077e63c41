package dev.aistorctl.facts.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aistorctl.core.Json;

/**
 * {@code fio --output-format=json} of one job: the bytes of the read or write side
 * ({@code io_bytes}) and its run time ({@code runtime}, milliseconds). fio may print warnings before the
 * JSON document; they are skipped.
 */
public final class FioJsonParser {
    private FioJsonParser() {
    }

    /** @param side "read" or "write" */
    public static TransferResult parse(String stdout, String side) {
        int start = stdout.indexOf('{');
        if (start < 0) {
            String first = stdout.isBlank() ? "no output" : stdout.strip().split("\n")[0];
            return TransferResult.failed("fio printed no JSON: " + first);
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(stdout.substring(start));
        } catch (java.io.IOException e) {
            return TransferResult.failed("fio's JSON could not be read: " + e.getMessage().split("\n")[0]);
        }
        JsonNode job = root.path("jobs").path(0);
        if (job.isMissingNode()) {
            return TransferResult.failed("fio's JSON has no job");
        }
        if (job.path("error").asInt(0) != 0) {
            return TransferResult.failed("fio job error " + job.path("error").asInt());
        }
        JsonNode io = job.path(side);
        long bytes = io.path("io_bytes").asLong(0);
        double seconds = io.path("runtime").asLong(0) / 1000.0;
        if (bytes == 0) {
            return new TransferResult(0, seconds, "fio moved nothing (" + side + ")");
        }
        return new TransferResult(bytes, seconds, null);
    }
}
