package dev.aistorctl.core;

/**
 * Progress of a fan-out, called from worker threads (one host at a time per call). Implementations that
 * print should keep each line whole and name its host.
 */
public interface FanoutListener {
    FanoutListener NONE = new FanoutListener() {
    };

    default void started(String host) {
    }

    default void finished(HostOutcome<?> outcome) {
    }
}
