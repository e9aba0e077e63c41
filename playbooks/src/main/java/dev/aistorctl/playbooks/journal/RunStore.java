package dev.aistorctl.playbooks.journal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aistorctl.core.InvalidConfigException;
import dev.aistorctl.core.UsageException;
import dev.aistorctl.playbooks.RunIds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where runs are journaled: {@code $AISTORCTL_HOME/runs} ({@code ~/.aistorctl/runs} by default), one
 * directory per run id.
 */
public final class RunStore {
    public static final String HOME_ENV = "AISTORCTL_HOME";

    private final Path runsDir;

    public RunStore(Path runsDir) {
        this.runsDir = runsDir;
    }

    /** System property that stands in for the environment variable where the environment cannot be set (in-process tests). */
    public static final String HOME_PROPERTY = "aistorctl.home";

    public static RunStore standard() {
        return of(System.getenv());
    }

    public static RunStore of(Map<String, String> env) {
        String home = env.getOrDefault(HOME_ENV, System.getProperty(HOME_PROPERTY));
        Path base = home != null && !home.isBlank() ? Path.of(home)
                : Path.of(System.getProperty("user.home"), ".aistorctl");
        return new RunStore(base.resolve("runs"));
    }

    public Path runsDir() {
        return runsDir;
    }

    /** Every run, newest first. */
    public List<RunSummary> list() {
        if (!Files.isDirectory(runsDir)) {
            return List.of();
        }
        List<RunSummary> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(runsDir)) {
            for (Path dir : dirs.filter(d -> RunIds.isRunId(d.getFileName().toString())).toList()) {
                Path journal = dir.resolve(Journal.FILE);
                if (Files.isRegularFile(journal)) {
                    summarize(dir.getFileName().toString(), read(journal)).ifPresent(out::add);
                }
            }
        } catch (IOException e) {
            throw new InvalidConfigException("cannot list runs in " + runsDir + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparing(RunSummary::runId).reversed());
        return out;
    }

    /** The events of one run, in order. */
    public List<JsonNode> events(String runId) {
        if (!RunIds.isRunId(runId)) {
            throw new UsageException("'" + runId + "' is not a run id (they look like 20261125T151900Z-ab12; see aistorctl runs list)");
        }
        Path journal = runsDir.resolve(runId).resolve(Journal.FILE);
        if (!Files.isRegularFile(journal)) {
            throw new UsageException("no run " + runId + " in " + runsDir + " (see aistorctl runs list)");
        }
        return read(journal);
    }

    static List<JsonNode> read(Path journal) {
        List<JsonNode> events = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(journal, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    events.add(RunJson.MAPPER.readTree(line));
                } catch (IOException e) {
                    // A line cut short by a crash: the events before it still tell the story.
                }
            }
        } catch (IOException e) {
            throw new InvalidConfigException("cannot read " + journal + ": " + e.getMessage(), e);
        }
        return events;
    }

    static java.util.Optional<RunSummary> summarize(String runId, List<JsonNode> events) {
        if (events.isEmpty() || !"run_start".equals(events.get(0).path("event").asText())) {
            return java.util.Optional.empty();
        }
        JsonNode start = events.get(0);
        JsonNode last = events.get(events.size() - 1);
        Instant started = Instant.parse(start.path("ts").asText());
        int hosts = start.path("hosts").size();
        // The runner's stage event says whether the run was a plan only; journals older than it have the
        // caller's args.
        boolean dry = events.stream().filter(e -> "stage".equals(e.path("event").asText())).findFirst()
                .map(e -> e.path("dry_run").asBoolean())
                .orElseGet(() -> "true".equals(start.path("args").path("dry_run").asText()));
        if ("run_end".equals(last.path("event").asText())) {
            JsonNode summary = last.path("result").path("summary");
            return java.util.Optional.of(new RunSummary(runId, started, start.path("playbook").asText(), hosts,
                    summary.path("hosts_ok").asLong(), summary.path("hosts_changed").asLong(),
                    summary.path("hosts_failed").asLong(), Duration.ofMillis(last.path("result").path("duration_ms").asLong()),
                    last.path("result").path("dry_run").asBoolean(dry), true));
        }
        long failed = events.stream().filter(e -> "host_end".equals(e.path("event").asText())
                && "failed".equals(e.path("status").asText())).count();
        long changed = events.stream().filter(e -> "host_end".equals(e.path("event").asText())
                && "changed".equals(e.path("status").asText())).count();
        long ok = events.stream().filter(e -> "host_end".equals(e.path("event").asText())
                && "ok".equals(e.path("status").asText())).count();
        return java.util.Optional.of(new RunSummary(runId, started, start.path("playbook").asText(), hosts, ok, changed,
                failed, null, dry, false));
    }
}
