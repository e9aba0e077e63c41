package dev.aistorctl.workflows.accept;

/** How hard to test the network: how long each round sends, and with how many parallel TCP streams per pair. */
public record NetworkRequest(long seconds, int streams) {
    public NetworkRequest {
        if (seconds < 1) {
            throw new IllegalArgumentException("a network round must last at least 1 s");
        }
        if (streams < 1 || streams > 128) {
            throw new IllegalArgumentException("--streams must be between 1 and 128, was " + streams);
        }
    }
}
