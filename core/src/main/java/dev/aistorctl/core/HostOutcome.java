package dev.aistorctl.core;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What one host's part of a fan-out came to: a value, or the failure that stopped it (the message meant for
 * the summary table, plus the exception for --debug).
 */
public record HostOutcome<T>(String host, T value, String error, Throwable cause, Duration duration) {

    public HostOutcome {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(duration, "duration");
        if (error == null && cause != null) {
            throw new IllegalArgumentException("a failure needs a message");
        }
    }

    public static <T> HostOutcome<T> succeeded(String host, T value, Duration duration) {
        return new HostOutcome<>(host, value, null, null, duration);
    }

    public static <T> HostOutcome<T> failed(String host, String error, Throwable cause, Duration duration) {
        return new HostOutcome<>(host, null, Objects.requireNonNull(error, "error"), cause, duration);
    }

    public boolean ok() {
        return error == null;
    }

    public Optional<T> valueIfOk() {
        return ok() ? Optional.ofNullable(value) : Optional.empty();
    }
}
