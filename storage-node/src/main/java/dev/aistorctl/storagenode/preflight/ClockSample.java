package dev.aistorctl.storagenode.preflight;

/**
 * One node's clock read over SSH: the controller's wall clock just before and just after the command,
 * and what {@code date +%s.%N} printed. The node's offset from the controller is known to within
 * half the round trip, which the skew check allows for.
 */
public record ClockSample(String host, double remoteSeconds, double sentSeconds, double receivedSeconds) {
    public double offset() {
        return remoteSeconds - (sentSeconds + receivedSeconds) / 2;
    }

    public double uncertainty() {
        return (receivedSeconds - sentSeconds) / 2;
    }
}
