package dev.aistorctl.facts.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code /proc/swaps}: a header line, then one active swap area per line (filename, type, size in
 * KiB, used, priority). The kernel escapes blanks in file names as octal, like mountinfo.
 */
public final class SwapsParser {
    private SwapsParser() {
    }

    /** One active swap area; {@code type} is "partition" for a block device and "file" for a swap file. */
    public record SwapArea(String path, String type, Long sizeKib) {
    }

    public static List<SwapArea> parse(String text) {
        List<SwapArea> out = new ArrayList<>();
        for (String line : Text.lines(text)) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 2 || f[0].equals("Filename") || f[0].isEmpty()) {
                continue;
            }
            out.add(new SwapArea(MountInfoParser.unescape(f[0]), f[1], f.length > 2 ? Text.toLong(f[2]) : null));
        }
        return out;
    }
}
