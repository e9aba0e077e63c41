package dev.aistorctl.facts.parse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The line accept's own python3 receiver prints when its senders have closed:
 * {@code received 1307049984 bytes in 2.003 s over 4 streams}, the time from the first connection to
 * the last end of stream; or {@code error: ...} when it could not listen or no sender came.
 */
public final class StreamSummaryParser {
    private static final Pattern RECEIVED = Pattern.compile("(?m)^received (\\d+) bytes in ([0-9.]+) s over (\\d+) streams$");

    private StreamSummaryParser() {
    }

    public static TransferResult parse(String stdout) {
        Matcher m = RECEIVED.matcher(stdout);
        if (!m.find()) {
            String first = stdout.isBlank() ? "no output" : stdout.strip().split("\n")[0];
            return TransferResult.failed("the receiver printed no summary: " + first);
        }
        long bytes = Long.parseLong(m.group(1));
        double seconds = Double.parseDouble(m.group(2));
        if (bytes == 0 || seconds <= 0) {
            return new TransferResult(bytes, seconds, "the receiver counted nothing");
        }
        return new TransferResult(bytes, seconds, null);
    }
}
