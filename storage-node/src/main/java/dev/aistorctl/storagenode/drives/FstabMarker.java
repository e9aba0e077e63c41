package dev.aistorctl.storagenode.drives;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The comment aistorctl writes above each data drive's line in /etc/fstab. It names the drive's serial,
 * because a drive that is gone leaves nothing else behind to say which one it was: its label and marker
 * file went with it, and the fstab line is all that is left on the host.
 */
public final class FstabMarker {
    public static final String PREFIX = "# aistorctl data drive";
    private static final String SUFFIX = " (written by aistorctl drives prepare)";
    private static final Pattern SERIAL = Pattern.compile(", serial (.+)" + Pattern.quote(SUFFIX) + "$");

    private FstabMarker() {
    }

    /** The marker of drive {@code index} of {@code cluster}; {@code serial} null or blank for a drive without one. */
    public static String line(int index, String cluster, String serial) {
        return PREFIX + " " + index + " of cluster " + cluster
                + (serial == null || serial.isBlank() ? "" : ", serial " + serial.strip()) + SUFFIX;
    }

    /** Mount point to serial, for every data drive line of ours whose marker names a serial. */
    public static Map<String, String> serials(String fstab) {
        Map<String, String> out = new LinkedHashMap<>();
        String[] lines = fstab.split("\n", -1);
        for (int i = 0; i + 1 < lines.length; i++) {
            if (!lines[i].startsWith(PREFIX)) {
                continue;
            }
            Matcher m = SERIAL.matcher(lines[i].strip());
            String[] f = lines[i + 1].strip().split("\\s+");
            if (m.find() && f.length >= 2 && !lines[i + 1].startsWith("#")) {
                out.put(f[1], m.group(1));
            }
        }
        return out;
    }
}
