package dev.aistorctl.playbooks;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Run ids that sort by start time: {@code 20261125T151900Z-ab12}. */
public final class RunIds {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern SHAPE = Pattern.compile("\\d{8}T\\d{6}Z-[0-9a-f]{4}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private RunIds() {
    }

    public static String next(Instant now) {
        byte[] b = new byte[2];
        RANDOM.nextBytes(b);
        return FORMAT.format(now.truncatedTo(ChronoUnit.SECONDS)) + "-" + HexFormat.of().formatHex(b);
    }

    /** Whether {@code text} looks like a run id (so it is safe as a directory name). */
    public static boolean isRunId(String text) {
        return SHAPE.matcher(text).matches();
    }
}
