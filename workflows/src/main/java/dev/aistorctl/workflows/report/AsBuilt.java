package dev.aistorctl.workflows.report;

import java.nio.file.Path;

import dev.aistorctl.playbooks.report.AsBuiltReport;
import dev.aistorctl.playbooks.report.ProvisionRun;

/** The as-built HTML document of one provision run, made from its provision.json and journals. */
public final class AsBuilt {

    /** Where a run's document went. */
    public record Written(String runId, Path file) {
    }

    private AsBuilt() {
    }

    /** Writes the document of the run in {@code runDir} to {@code out}, or to report.html in that directory when null. */
    public static Written write(Path runDir, Path out) {
        ProvisionRun run = ProvisionRun.load(runDir);
        Path file = out != null ? out : run.dir().resolve(AsBuiltReport.DEFAULT_FILE);
        new AsBuiltReport().write(run, file);
        return new Written(run.runId(), file.toAbsolutePath());
    }
}
