package dev.aistorctl.workflows.accept;

/**
 * How hard to test the drives: the test file's size, and how long each write or read may take with
 * every drive at once ({@code togetherSeconds}) and with each alone ({@code aloneSeconds}).
 */
public record DriveRequest(long sizeBytes, long togetherSeconds, long aloneSeconds) {
    public DriveRequest {
        if (sizeBytes < (1L << 20)) {
            throw new IllegalArgumentException("the drive test file must be at least 1 MiB");
        }
    }

    /** The whole duration for the together pass; each drive alone gets a third of it, at least two seconds. */
    public static DriveRequest of(long sizeBytes, long seconds) {
        return new DriveRequest(sizeBytes, Math.max(1, seconds), Math.max(2, seconds / 3));
    }
}
