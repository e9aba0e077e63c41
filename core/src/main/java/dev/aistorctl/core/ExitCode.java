package dev.aistorctl.core;

/** Process exit codes: part of the CLI's contract, documented in docs/exit-codes.md. */
public enum ExitCode {
    OK(0),
    HOST_FAILED(1),
    USAGE(2),
    HARDWARE_CHECK_FAILED(3),
    INVALID_CONFIG(4),
    /** Ctrl-C (SIGINT): 128 + the signal's number, as shells report it. */
    INTERRUPTED(130),
    /** SIGTERM: 128 + the signal's number. */
    TERMINATED(143);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
