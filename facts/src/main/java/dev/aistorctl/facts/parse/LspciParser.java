package dev.aistorctl.facts.parse;

import dev.aistorctl.facts.facts.PciDevice;
import dev.aistorctl.facts.facts.PciLink;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code lspci -vvv} with or without {@code -D} (domain) and {@code -nn} (numeric ids). The link
 * comes from LnkCap (capability) and LnkSta (trained state). "(downgraded)" is only printed by
 * pciutils 3.6+ and not for every case, so {@code downgraded} is computed from the numbers, and
 * is also true when lspci says so.
 */
public final class LspciParser {
    private static final Pattern HEADER = Pattern.compile(
            "^((?:[0-9a-fA-F]{4,}:)?[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7])\\s+(.*)$");
    private static final Pattern CLASS_ID = Pattern.compile("^(.*?) \\[([0-9a-fA-F]{4})\\]:\\s*(.*)$");
    private static final Pattern PROG_IF = Pattern.compile("\\(prog-if ([0-9a-fA-F]{2})");
    private static final Pattern SPEED = Pattern.compile("Speed\\s+([0-9.]+)\\s*GT/s");
    private static final Pattern WIDTH = Pattern.compile("Width\\s+x([0-9]+)");

    private LspciParser() {
    }

    public static List<PciDevice> parse(String text) {
        List<PciDevice> out = new ArrayList<>();
        String address = null;
        String classCode = null;
        String description = null;
        String driver = null;
        String cap = null;
        String sta = null;
        for (String line : Text.lines(text)) {
            Matcher h = line.startsWith("\t") || line.startsWith(" ") ? null : HEADER.matcher(line);
            if (h != null && h.matches()) {
                if (address != null) {
                    out.add(device(address, classCode, description, driver, cap, sta));
                }
                address = normalise(h.group(1));
                String rest = h.group(2);
                Matcher c = CLASS_ID.matcher(rest);
                if (c.matches()) {
                    // sysfs gives class, subclass and programming interface; lspci names the interface apart
                    Matcher progIf = PROG_IF.matcher(rest);
                    classCode = c.group(2).toLowerCase(java.util.Locale.ROOT) + (progIf.find() ? progIf.group(1) : "00");
                    description = c.group(1) + ": " + c.group(3);
                } else {
                    classCode = null;
                    description = rest;
                }
                driver = null;
                cap = null;
                sta = null;
                continue;
            }
            String t = line.strip();
            if (t.startsWith("LnkCap:")) {
                cap = t;
            } else if (t.startsWith("LnkSta:")) {
                sta = t;
            } else if (t.startsWith("Kernel driver in use:")) {
                driver = t.substring("Kernel driver in use:".length()).strip();
            }
        }
        if (address != null) {
            out.add(device(address, classCode, description, driver, cap, sta));
        }
        return out;
    }

    /** lspci without -D leaves out the PCI domain; every other source has it, so add the usual 0000. */
    static String normalise(String address) {
        String a = address.toLowerCase(java.util.Locale.ROOT);
        return a.indexOf(':') == a.lastIndexOf(':') ? "0000:" + a : a;
    }

    private static PciDevice device(String address, String classCode, String description, String driver, String cap,
            String sta) {
        PciLink link = null;
        if (cap != null || sta != null) {
            PciLink computed = PciLink.of(number(SPEED, sta), integer(WIDTH, sta), number(SPEED, cap), integer(WIDTH, cap));
            boolean marked = sta != null && sta.contains("(downgraded)");
            link = marked ? new PciLink(computed.speedGts(), computed.width(), computed.maxSpeedGts(), computed.maxWidth(), true)
                    : computed;
        }
        return new PciDevice(address, classCode, description, driver, link);
    }

    private static Double number(Pattern p, String line) {
        if (line == null) {
            return null;
        }
        Matcher m = p.matcher(line);
        return m.find() ? Double.valueOf(m.group(1)) : null;
    }

    private static Integer integer(Pattern p, String line) {
        Double d = number(p, line);
        return d == null ? null : d.intValue();
    }
}
