package dev.aistorctl.facts.parse;

import dev.aistorctl.facts.facts.SystemFacts;
import java.util.List;

/** Server, board and firmware identity from dmidecode types 0 (BIOS), 1 (system) and 2 (base board). */
public final class DmiSystemParser {
    private DmiSystemParser() {
    }

    public static SystemFacts parse(String text) {
        List<DmiRecord> records = DmiDecodeParser.parse(text);
        DmiRecord bios = firstOfType(records, 0);
        DmiRecord system = firstOfType(records, 1);
        DmiRecord board = firstOfType(records, 2);
        return new SystemFacts(
                system == null ? null : system.get("Manufacturer"),
                system == null ? null : system.get("Product Name"),
                system == null ? null : system.get("Serial Number"),
                board == null ? null : board.get("Manufacturer"),
                board == null ? null : board.get("Product Name"),
                bios == null ? null : bios.get("Vendor"),
                bios == null ? null : bios.get("Version"),
                bios == null ? null : bios.get("Release Date"),
                DmiDecodeParser.smbiosVersion(text));
    }

    private static DmiRecord firstOfType(List<DmiRecord> records, int type) {
        return records.stream().filter(r -> r.type() == type).findFirst().orElse(null);
    }
}
