package dev.aistorctl.facts.parse;

/**
 * One sequential pass as a measuring tool reported it: bytes moved in seconds. {@code problem} says why
 * there is no figure (the tool failed or moved nothing); the rate is then absent.
 */
public record TransferResult(long bytes, double seconds, String problem) {

    public static TransferResult failed(String problem) {
        return new TransferResult(0, 0, problem);
    }

    public boolean measured() {
        return problem == null && bytes > 0 && seconds > 0;
    }

    /** Decimal megabytes per second, as drive datasheets give them; 0 when nothing was measured. */
    public double mbPerSecond() {
        return measured() ? bytes / seconds / 1_000_000.0 : 0;
    }
}
