package dev.aistorctl.workflows.provision;

import dev.aistorctl.core.ExitCode;

/** How a provision ended, as provision.json records it, and the exit code that goes with it. */
public enum ProvisionOutcome {
    OK("ok", ExitCode.OK),
    DRY_RUN("dry_run", ExitCode.OK),
    /** Nothing was changed: formats without --wipe-drives, or no confirmation. */
    REFUSED("refused", ExitCode.USAGE),
    HARDWARE_FAILED("hardware_failed", ExitCode.HARDWARE_CHECK_FAILED),
    /** Installed and healthy, but accept (provision --accept) found hardware slower than its spec or its peers. */
    ACCEPT_FAILED("accept_failed", ExitCode.HARDWARE_CHECK_FAILED),
    FAILED("failed", ExitCode.HOST_FAILED),
    /** Ctrl-C (or SIGTERM): the run stopped where provision.json's {@code interrupted} says; the CLI exits 128 + the signal. */
    INTERRUPTED("interrupted", ExitCode.INTERRUPTED);

    private final String word;
    private final ExitCode exitCode;

    ProvisionOutcome(String word, ExitCode exitCode) {
        this.word = word;
        this.exitCode = exitCode;
    }

    /** The outcome's name in provision.json. */
    public String word() {
        return word;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
