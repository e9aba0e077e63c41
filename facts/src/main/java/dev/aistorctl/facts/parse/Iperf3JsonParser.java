package dev.aistorctl.facts.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aistorctl.core.Json;

/**
 * {@code iperf3 -c ... --json} of one client run: what the receiving end counted, summed over the
 * parallel streams ({@code end.sum_received}: bytes and seconds). What the sender wrote includes what
 * still sat in its socket buffers, so the receiver's count is the measurement. A run that could not
 * connect is a JSON document with an {@code error}.
 */
public final class Iperf3JsonParser {
    private Iperf3JsonParser() {
    }

    public static TransferResult parse(String stdout) {
        int start = stdout.indexOf('{');
        if (start < 0) {
            return TransferResult.failed("iperf3 printed no JSON: " + (stdout.isBlank() ? "no output" : stdout.strip().split("\n")[0]));
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(stdout.substring(start));
        } catch (java.io.IOException e) {
            return TransferResult.failed("iperf3's JSON could not be read: " + e.getMessage().split("\n")[0]);
        }
        if (root.hasNonNull("error")) {
            return TransferResult.failed("iperf3: " + root.get("error").asText());
        }
        JsonNode received = root.path("end").path("sum_received");
        long bytes = received.path("bytes").asLong(0);
        double seconds = received.path("seconds").asDouble(0);
        if (bytes == 0 || seconds <= 0) {
            return new TransferResult(bytes, seconds, "iperf3's receiver counted nothing");
        }
        return new TransferResult(bytes, seconds, null);
    }
}
