package dev.aistorctl.facts.parse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last line coreutils {@code dd} writes to stderr: "134217728 bytes (134 MB, 128 MiB) copied,
 * 0.289637 s, 463 MB/s". The rate is computed from the bytes and seconds, not read from dd's rounded
 * figure (which switches unit: "1.2 GB/s"). dd stopped by SIGINT (a time bound) prints the same line
 * for what it moved, which is the measurement wanted.
 */
public final class DdSummaryParser {
    private static final Pattern SUMMARY = Pattern.compile("^(\\d+) bytes(?: \\([^)]*\\))? copied, ([0-9.]+(?:e-?\\d+)?) s,", Pattern.MULTILINE);

    private DdSummaryParser() {
    }

    public static TransferResult parse(String stderr) {
        Matcher m = SUMMARY.matcher(stderr);
        TransferResult last = null;
        while (m.find()) {
            last = new TransferResult(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)), null);
        }
        if (last == null) {
            String first = stderr.isBlank() ? "no output" : stderr.strip().split("\n")[0];
            return TransferResult.failed("dd printed no summary: " + first);
        }
        if (last.bytes() == 0) {
            return new TransferResult(0, last.seconds(), "dd copied nothing");
        }
        return last;
    }
}
