package dev.aistorctl.cli.run;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aistorctl.cli.CliCommand;
import dev.aistorctl.cli.GlobalOptions;
import dev.aistorctl.cli.Terminal;
import dev.aistorctl.core.ExitCode;
import dev.aistorctl.playbooks.journal.RunJson;
import dev.aistorctl.playbooks.journal.RunStore;
import dev.aistorctl.playbooks.journal.RunSummary;
import dev.aistorctl.workflows.text.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "runs",
        description = "Past runs, from their journals in $AISTORCTL_HOME/runs (default ~/.aistorctl/runs).",
        subcommands = {RunsCommand.ListRuns.class, RunsCommand.ShowRun.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  aistorctl runs list",
            "  aistorctl runs show 20261125T151900Z-ab12",
            "  aistorctl runs show 20261125T151900Z-ab12 -o json"
        })
public final class RunsCommand implements Runnable {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: list or show");
    }

    @Command(name = "list", description = "Every run, newest first: id, start, playbook, hosts, ok/changed/failed hosts, duration.")
    static final class ListRuns extends CliCommand {

        @Override
        protected int run(Terminal terminal, GlobalOptions global) {
            List<RunSummary> runs = RunStore.standard().list();
            if (terminal.json()) {
                ArrayNode arr = RunJson.MAPPER.createArrayNode();
                for (RunSummary r : runs) {
                    ObjectNode n = arr.addObject();
                    n.put("run_id", r.runId());
                    n.put("started", r.started().toString());
                    n.put("playbook", r.playbook());
                    n.put("dry_run", r.dryRun());
                    n.put("hosts", r.hosts());
                    n.put("ok", r.ok());
                    n.put("changed", r.changed());
                    n.put("failed", r.failed());
                    if (r.duration() != null) {
                        n.put("duration_ms", r.duration().toMillis());
                    } else {
                        n.putNull("duration_ms");
                    }
                    n.put("finished", r.finished());
                }
                terminal.printJson(arr);
                return ExitCode.OK.code();
            }
            if (runs.isEmpty()) {
                terminal.println("no runs yet in " + RunStore.standard().runsDir());
                return ExitCode.OK.code();
            }
            Table table = new Table("RUN ID", "STARTED", "PLAYBOOK", "HOSTS", "OK", "CHANGED", "FAILED", "DURATION");
            for (RunSummary r : runs) {
                table.row(r.runId(), WHEN.format(r.started()), r.playbook() + (r.dryRun() ? " (dry run)" : ""), r.hosts(),
                        r.ok(), r.changed(), r.failed(), r.finished() ? seconds(r.duration()) : "unfinished");
            }
            terminal.println(table.render().stripTrailing());
            return ExitCode.OK.code();
        }
    }

    @Command(name = "show", description = "One run: what every step did on every host; -o json adds every journal event.")
    static final class ShowRun extends CliCommand {
        @Parameters(index = "0", paramLabel = "RUN_ID", description = "A run id from 'aistorctl runs list'.")
        String runId;

        @Override
        protected int run(Terminal terminal, GlobalOptions global) {
            List<JsonNode> events = RunStore.standard().events(runId);
            JsonNode end = events.get(events.size() - 1);
            boolean finished = "run_end".equals(end.path("event").asText());
            if (terminal.json()) {
                ObjectNode out = finished ? ((ObjectNode) end.path("result")).deepCopy() : RunJson.MAPPER.createObjectNode();
                if (!finished) {
                    out.put("run_id", runId);
                    out.put("finished", false);
                }
                ArrayNode arr = out.putArray("events");
                events.forEach(arr::add);
                terminal.printJson(out);
                return ExitCode.OK.code();
            }
            JsonNode start = events.get(0);
            terminal.println("run " + runId + ": playbook " + start.path("playbook").asText() + " ("
                    + start.path("playbook_source").asText() + "), inventory " + start.path("inventory").asText());
            terminal.println("started " + WHEN.format(Instant.parse(start.path("ts").asText())) + " by "
                    + start.path("controller_user").asText() + ", args " + start.path("args"));
            Table table = new Table("HOST", "STEP", "STATUS", "DETAIL");
            for (JsonNode e : events) {
                if ("step_result".equals(e.path("event").asText())) {
                    String detail = e.hasNonNull("error") ? e.path("error").asText() : e.path("reason").asText("");
                    table.row(e.path("host").asText(), e.path("index").asInt() + " " + e.path("name").asText(),
                            e.path("status").asText(), detail);
                }
            }
            terminal.println(table.render().stripTrailing());
            long commands = events.stream().filter(e -> "command".equals(e.path("event").asText())).count();
            if (finished) {
                JsonNode s = end.path("result").path("summary");
                terminal.println(String.format("%d hosts: %d ok, %d changed, %d failed, %d skipped; %d remote commands; %s",
                        s.path("hosts").asInt(), s.path("hosts_ok").asInt(), s.path("hosts_changed").asInt(),
                        s.path("hosts_failed").asInt(), s.path("hosts_skipped").asInt(), commands,
                        seconds(Duration.ofMillis(end.path("result").path("duration_ms").asLong()))));
            } else {
                terminal.println("unfinished: the journal has no end (the controller stopped, or the run is still going); "
                        + commands + " remote commands so far");
            }
            return ExitCode.OK.code();
        }
    }

    private static String seconds(Duration d) {
        return String.format("%.1fs", d.toMillis() / 1000.0);
    }
}
