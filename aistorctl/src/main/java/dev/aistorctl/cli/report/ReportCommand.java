package dev.aistorctl.cli.report;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aistorctl.cli.CliCommand;
import dev.aistorctl.cli.GlobalOptions;
import dev.aistorctl.cli.Terminal;
import dev.aistorctl.core.ExitCode;
import dev.aistorctl.core.InvalidConfigException;
import dev.aistorctl.core.UsageException;
import dev.aistorctl.playbooks.RunIds;
import dev.aistorctl.playbooks.journal.RunJson;
import dev.aistorctl.playbooks.journal.RunStore;
import dev.aistorctl.playbooks.report.AsBuiltReport;
import dev.aistorctl.playbooks.report.ProvisionRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code aistorctl report}: the as-built document of a provision run. The HTML path is {@code --out/-f}, because
 * {@code -o} is the global output format everywhere else; {@code -o json} prints where the document went.
 */
@Command(name = "report",
        description = {
            "Write the as-built document of a provision run: one self-contained HTML file (cluster summary, "
                + "S3 proof, findings, drive map, tuning, node configuration, run timeline) to hand to the customer.",
            "Without --run, the newest run that has a provision.json. The acceptance results (drives, network, S3) come "
                + "from accept.json in that run's directory, or from the accept run named by --accept. Prints the file's path."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  aistorctl report",
            "  aistorctl report --run 20261125T151900Z-ab12 --out as-built-dc1.html",
            "  aistorctl report --accept 20261125T160200Z-cd34",
            "  aistorctl report -o json"
        })
public final class ReportCommand extends CliCommand {
    @Option(names = "--run", paramLabel = "RUN_ID",
            description = "The provision run to document (default: the newest that has a provision.json).")
    String runId;

    @Option(names = "--accept", paramLabel = "RUN_ID",
            description = "The accept run whose results (its accept.json) the document shows (default: the provision run's own, if any).")
    String acceptRunId;

    @Option(names = {"-f", "--out"}, paramLabel = "FILE",
            description = "Where to write the HTML (default: report.html in the run's directory). "
                    + "Not -o: that is the output format.")
    Path out;

    @Override
    protected int run(Terminal terminal, GlobalOptions global) {
        RunStore store = RunStore.standard();
        ProvisionRun run = ProvisionRun.load(runDir(store));
        if (acceptRunId != null) {
            run = run.withAcceptFrom(store.runsDir().resolve(checkedRunId(acceptRunId)));
        }
        Path file = out != null ? out : run.dir().resolve(AsBuiltReport.DEFAULT_FILE);
        new AsBuiltReport().write(run, file);
        if (terminal.json()) {
            ObjectNode n = RunJson.MAPPER.createObjectNode();
            n.put("run_id", run.runId());
            n.put("report", file.toAbsolutePath().toString());
            terminal.printJson(n);
        } else {
            terminal.println(file.toAbsolutePath().toString());
        }
        return ExitCode.OK.code();
    }

    private Path runDir(RunStore store) {
        if (runId == null) {
            return ProvisionRun.latest(store.runsDir()).orElseThrow(() -> new InvalidConfigException(
                    "no provision run in " + store.runsDir() + " to report on: the as-built document is made from "
                            + "'aistorctl provision' (see aistorctl runs list)"));
        }
        Path dir = store.runsDir().resolve(checkedRunId(runId));
        if (!Files.isRegularFile(dir.resolve(ProvisionRun.FILE))) {
            throw new InvalidConfigException("run " + runId + " has no " + ProvisionRun.FILE + " in " + dir
                    + ": only 'aistorctl provision' runs can be reported (see aistorctl runs list)");
        }
        return dir;
    }

    private static String checkedRunId(String id) {
        if (!RunIds.isRunId(id)) {
            throw new UsageException("'" + id + "' is not a run id (they look like 20261125T151900Z-ab12; see aistorctl runs list)");
        }
        return id;
    }
}
