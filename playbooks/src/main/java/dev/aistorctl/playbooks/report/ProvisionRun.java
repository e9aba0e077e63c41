package dev.aistorctl.playbooks.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aistorctl.core.InvalidConfigException;
import dev.aistorctl.playbooks.RunIds;
import dev.aistorctl.playbooks.journal.Journal;
import dev.aistorctl.playbooks.journal.RunJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A finished provision run as its directory holds it: {@code provision.json} (what every stage reported) and
 * {@code journal.jsonl} (when each thing happened). The journal is optional: without it the report has no timeline.
 */
public record ProvisionRun(String runId, Path dir, JsonNode provision, List<JsonNode> journal) {
    public static final String FILE = "provision.json";
    public static final String FORMAT = "aistorctl-provision/1";

    public static ProvisionRun load(Path dir) {
        Path file = dir.resolve(FILE);
        JsonNode provision;
        try {
            provision = RunJson.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InvalidConfigException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String format = provision.path("format").asText("");
        if (!FORMAT.equals(format)) {
            throw new InvalidConfigException(file + " has format '" + format + "', this version reads " + FORMAT);
        }
        String runId = provision.path("run_id").asText(dir.getFileName().toString());
        return new ProvisionRun(runId, dir, provision, readJournal(dir.resolve(Journal.FILE)));
    }

    /** The newest run directory (run ids sort by time) that holds a provision.json. */
    public static Optional<Path> latest(Path runsDir) {
        if (!Files.isDirectory(runsDir)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(runsDir)) {
            return dirs.filter(d -> RunIds.isRunId(d.getFileName().toString()))
                    .filter(d -> Files.isRegularFile(d.resolve(FILE)))
                    .max(Comparator.comparing(d -> d.getFileName().toString()));
        } catch (IOException e) {
            throw new InvalidConfigException("cannot list runs in " + runsDir + ": " + e.getMessage(), e);
        }
    }

    /** Events in order; a torn last line (the run died while writing) is left out rather than failing the report. */
    static List<JsonNode> readJournal(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<JsonNode> events = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    events.add(RunJson.MAPPER.readTree(line));
                } catch (IOException torn) {
                    // Only ever the last line of a run that was killed; everything before it still tells the story.
                }
            }
        } catch (IOException e) {
            throw new InvalidConfigException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return events;
    }
}
