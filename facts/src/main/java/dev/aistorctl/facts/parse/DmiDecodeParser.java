package dev.aistorctl.facts.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * dmidecode output of any type selection, from dmidecode 3.x with tab indentation or with the
 * tabs turned into spaces (as in documents that quote it). Header comments and "Table at" lines
 * are skipped; the SMBIOS version is kept because firmware rules quote it.
 */
public final class DmiDecodeParser {
    private static final Pattern HANDLE = Pattern.compile("^Handle (0x[0-9A-Fa-f]+), DMI type (\\d+)");
    private static final Pattern SMBIOS = Pattern.compile("^SMBIOS ([0-9.]+) present");
    private static final Set<String> PLACEHOLDERS = Set.of("", "not specified", "unknown", "none", "to be filled by o.e.m.",
            "default string", "not provided", "no module installed", "not installed", "null", "--", "n/a",
            "not settable", "not present");

    private DmiDecodeParser() {
    }

    public static List<DmiRecord> parse(String text) {
        List<DmiRecord> out = new ArrayList<>();
        List<String> lines = Text.lines(text);
        int i = 0;
        while (i < lines.size()) {
            Matcher m = HANDLE.matcher(lines.get(i));
            if (!m.find()) {
                i++;
                continue;
            }
            String handle = m.group(1);
            Integer dmiType = Text.intOrNull(m.group(2));
            if (dmiType == null) {
                i++;
                continue;
            }
            int type = dmiType;
            i++;
            String title = i < lines.size() ? lines.get(i).strip() : "";
            i++;
            Map<String, String> props = new LinkedHashMap<>();
            Map<String, List<String>> lists = new LinkedHashMap<>();
            String listKey = null;
            int propIndent = -1;
            for (; i < lines.size() && !lines.get(i).isBlank() && !HANDLE.matcher(lines.get(i)).find(); i++) {
                String line = lines.get(i);
                int indent = indentOf(line);
                if (propIndent < 0) {
                    propIndent = indent;
                }
                if (indent > propIndent && listKey != null) {
                    lists.get(listKey).add(line.strip());
                    continue;
                }
                int at = line.indexOf(':');
                if (at < 0) {
                    continue;
                }
                String key = line.substring(0, at).strip();
                String value = line.substring(at + 1).strip();
                props.putIfAbsent(key, value);
                if (value.isEmpty()) {
                    listKey = key;
                    lists.put(key, new ArrayList<>());
                } else {
                    listKey = null;
                }
            }
            out.add(new DmiRecord(handle, type, title, props, lists));
        }
        return out;
    }

    /** "SMBIOS 3.3.0 present." gives "3.3.0"; null when the header was not captured. */
    public static String smbiosVersion(String text) {
        for (String line : Text.lines(text)) {
            Matcher m = SMBIOS.matcher(line);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    static String meaningful(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        return PLACEHOLDERS.contains(v.toLowerCase(Locale.ROOT)) ? null : v;
    }

    /** Tabs count as 8 columns so tab- and space-indented copies nest the same way. */
    private static int indentOf(String line) {
        int n = 0;
        for (char c : line.toCharArray()) {
            if (c == '\t') {
                n += 8;
            } else if (c == ' ') {
                n++;
            } else {
                break;
            }
        }
        return n;
    }
}
