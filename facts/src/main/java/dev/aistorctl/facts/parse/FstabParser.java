package dev.aistorctl.facts.parse;

import java.util.ArrayList;
import java.util.List;

/** /etc/fstab: whitespace-separated fields, comments and blank lines skipped, dump/pass default to 0. */
public final class FstabParser {
    private FstabParser() {
    }

    public record FstabEntry(String spec, String file, String vfsType, String options, int dump, int pass) {
    }

    public static List<FstabEntry> parse(String text) {
        List<FstabEntry> out = new ArrayList<>();
        for (String line : Text.lines(text)) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] f = t.split("\\s+");
            if (f.length < 3) {
                continue;
            }
            out.add(new FstabEntry(MountInfoParser.unescape(f[0]), MountInfoParser.unescape(f[1]), f[2],
                    f.length > 3 ? f[3] : "defaults", f.length > 4 ? java.util.Objects.requireNonNullElse(Text.toInt(f[4]), 0) : 0,
                    f.length > 5 ? java.util.Objects.requireNonNullElse(Text.toInt(f[5]), 0) : 0));
        }
        return out;
    }
}
