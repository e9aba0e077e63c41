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
 * A finished provision run as the runs directory holds it: {@code provision.json} in the provision's own
 * directory (what every stage reported, and when), and the journals of the runs it made (the plans, drives, tune,
 * node install, drive owners, node start), each in that run's directory beside it (when each step happened). The journals are optional:
 * without them the report has no timeline. {@code accept} is what {@code aistorctl accept} measured (its accept.json),
 * from the provision's directory or from an accept run named with {@link #withAcceptFrom}; null when there is none.
 */
public record ProvisionRun(String runId, Path dir, JsonNode provision, List<JsonNode> journal, JsonNode accept) {
    public static final String FILE = "provision.json";
    public static final String FORMAT = "aistorctl-provision/1";
    /** What accept writes into its run's directory. */
    public static final String ACCEPT_FILE = "accept.json";

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
        return new ProvisionRun(runId, dir, provision, journal(dir, provision), readAccept(dir).orElse(null));
    }

    /** This run with the acceptance results of the accept run in {@code acceptDir}, which must have an accept.json. */
    public ProvisionRun withAcceptFrom(Path acceptDir) {
        JsonNode results = readAccept(acceptDir).orElseThrow(() -> new InvalidConfigException(
                "run " + acceptDir.getFileName() + " has no " + ACCEPT_FILE + " in " + acceptDir + ": only 'aistorctl accept' runs hold one"));
        return new ProvisionRun(runId, dir, provision, journal, results);
    }

    /** The accept.json in {@code dir}, if there is one; one that cannot be read is an error, never a silent omission. */
    static Optional<JsonNode> readAccept(Path dir) {
        Path file = dir.resolve(ACCEPT_FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode results = RunJson.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
            if (results == null || !results.isObject()) {
                throw new InvalidConfigException(file + " does not hold accept's results (a JSON object)");
            }
            return Optional.of(results);
        } catch (IOException e) {
            throw new InvalidConfigException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The events of every run the provision names, run after run: each stage is a playbook run of its own, journaled
     * in its own directory; the provision's directory holds its record and, from older versions, maybe a journal.
     */
    static List<JsonNode> journal(Path dir, JsonNode provision) {
        List<JsonNode> events = new ArrayList<>(readJournal(dir.resolve(Journal.FILE)));
        java.util.Set<String> read = new java.util.HashSet<>();
        events.stream().filter(e -> e.path("event").asText().equals("run_start")).forEach(e -> read.add(e.path("run_id").asText()));
        java.util.SortedSet<String> named = new java.util.TreeSet<>();
        JsonNode runs = provision.path("runs");
        for (String stage : List.of("drives", "tune", "drive_owners")) {
            named.add(runs.path(stage).path("run_id").asText(""));
        }
        runs.path("node").forEach(r -> named.add(r.path("run_id").asText("")));
        stageRuns(provision.path("stages"), named);
        Path runsDir = dir.toAbsolutePath().getParent();
        for (String id : named) {
            // Only a run id names a directory: a record edited by hand cannot point the report elsewhere.
            if (runsDir != null && RunIds.isRunId(id) && !read.contains(id)) {
                events.addAll(readJournal(runsDir.resolve(id).resolve(Journal.FILE)));
            }
        }
        return events;
    }

    /** Every run a stage (or a stage inside it) names: the plans' dry runs as well as what apply ran. */
    private static void stageRuns(JsonNode stages, java.util.Set<String> named) {
        for (JsonNode s : stages) {
            s.path("runs").forEach(id -> named.add(id.asText("")));
            stageRuns(s.path("stages"), named);
        }
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
