package dev.aistorctl.facts.parse;

import java.util.List;
import java.util.Map;

/**
 * One SMBIOS structure as dmidecode prints it: handle, type number, title ("Memory Device") and
 * its "Key: value" properties. A property with an indented list below it ("Characteristics:")
 * keeps the list items in {@code lists}.
 */
public record DmiRecord(String handle, int type, String title, Map<String, String> properties,
        Map<String, List<String>> lists) {

    public DmiRecord {
        properties = Map.copyOf(properties);
        lists = Map.copyOf(lists);
    }

    /** The value, or null when absent or a placeholder dmidecode and firmware use for "nothing here". */
    public String get(String key) {
        return DmiDecodeParser.meaningful(properties.get(key));
    }
}
