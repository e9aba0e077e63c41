package dev.aistorctl.facts.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aistorctl.facts.facts.NvmeDrive;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code nvme list}: JSON in the flat nvme-cli 1.x / early 2.x form ({@code Devices[]} of
 * namespaces), the nested 2.x form ({@code Devices[].Subsystems[].Controllers[].Namespaces[]}),
 * and the text table with or without its "----" separator (it is often captured through grep).
 */
public final class NvmeListParser {
    private static final Pattern CONTROLLER_OF = Pattern.compile("^(?:/dev/)?(nvme[0-9]+)n[0-9]+");
    private static final Pattern TABLE_TAIL = Pattern.compile(
            "^(\\S+)\\s+([0-9.]+\\s*[kMGTP]?B\\s*/\\s*([0-9.]+\\s*[kMGTP]?B))\\s+([0-9]+)\\s*B\\s*\\+\\s*[0-9]+\\s*B\\s+(\\S+)\\s*$");

    private NvmeListParser() {
    }

    /** Accepts JSON or the text table, whichever {@code text} is. */
    public static List<NvmeDrive> parse(String text) {
        return text.stripLeading().startsWith("{") ? parseJson(text) : parseTable(text);
    }

    public static List<NvmeDrive> parseJson(String json) {
        List<NvmeDrive> out = new ArrayList<>();
        for (JsonNode d : Json.read(json, "nvme list -o json").path("Devices")) {
            if (d.has("Subsystems")) {
                for (JsonNode subsystem : d.path("Subsystems")) {
                    nested(subsystem, out);
                }
            } else {
                String path = Json.text(d.path("DevicePath"));
                out.add(new NvmeDrive(path, controllerOf(path), Json.text(d.path("ModelNumber")),
                        Json.text(d.path("SerialNumber")), Json.text(d.path("Firmware")),
                        Json.number(d.path("PhysicalSize")), Json.integer(d.path("SectorSize")), null, null));
            }
        }
        return out;
    }

    private static void nested(JsonNode subsystem, List<NvmeDrive> out) {
        JsonNode firstController = null;
        for (JsonNode c : subsystem.path("Controllers")) {
            if (firstController == null) {
                firstController = c;
            }
            for (JsonNode ns : c.path("Namespaces")) {
                out.add(drive(c, ns));
            }
        }
        // namespaces shared by several controllers (native multipath) hang off the subsystem
        for (JsonNode ns : subsystem.path("Namespaces")) {
            out.add(drive(firstController, ns));
        }
    }

    private static NvmeDrive drive(JsonNode controller, JsonNode ns) {
        String name = Json.text(ns.path("NameSpace"));
        String device = name == null ? null : name.startsWith("/dev/") ? name : "/dev/" + name;
        JsonNode c = controller == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : controller;
        String transport = Json.text(c.path("Transport"));
        String address = "pcie".equals(transport) ? Json.text(c.path("Address")) : null;
        return new NvmeDrive(device, Json.text(c.path("Controller")), Json.text(c.path("ModelNumber")),
                Json.text(c.path("SerialNumber")), Json.text(c.path("Firmware")), Json.number(ns.path("PhysicalSize")),
                Json.integer(ns.path("SectorSize")), address, null);
    }

    /**
     * The text table. Node, Generic, SN and Model are fixed-width, left-aligned columns whose starts
     * the header gives; the rest (namespace, usage, format, firmware) does not line up with the
     * header in every version, so it is read by shape. Sizes there are decimal and rounded.
     */
    public static List<NvmeDrive> parseTable(String text) {
        List<NvmeDrive> out = new ArrayList<>();
        int sn = -1;
        int model = -1;
        int namespace = -1;
        for (String line : Text.lines(text)) {
            if (line.startsWith("Node")) {
                sn = line.indexOf(" SN ") + 1;
                model = line.indexOf("Model");
                namespace = line.indexOf("Namespace");
                continue;
            }
            // Columns are cut where the header puts them; a header with its columns out of order places nothing.
            boolean columns = sn > 0 && sn < model && model < namespace;
            if (!line.startsWith("/dev/") || !columns || line.length() < namespace || line.indexOf(' ') < 0) {
                continue;
            }
            String device = line.substring(0, line.indexOf(' ')).strip();
            String serial = Text.blankToNull(line.substring(sn, model));
            String modelName = Text.blankToNull(line.substring(model, namespace));
            Matcher m = TABLE_TAIL.matcher(line.substring(namespace).strip());
            Long size = null;
            Integer sector = null;
            String firmware = null;
            if (m.matches()) {
                size = decimalBytes(m.group(3));
                sector = Text.intOrNull(m.group(4));
                firmware = m.group(5);
            }
            out.add(new NvmeDrive(device, controllerOf(device), modelName, serial, firmware, size, sector, null, null));
        }
        return out;
    }

    /** For a PCIe namespace {@code nvme0n1} the controller is {@code nvme0} (without native multipath). */
    static String controllerOf(String device) {
        if (device == null) {
            return null;
        }
        Matcher m = CONTROLLER_OF.matcher(device);
        return m.find() ? m.group(1) : null;
    }

    private static Long decimalBytes(String v) {
        Matcher m = Pattern.compile("(?<![0-9.])([0-9]+(?:\\.[0-9]+)?)\\s*([kMGTP]?)B").matcher(v);
        if (!m.find()) {
            return null;
        }
        double n = Double.parseDouble(m.group(1));
        double scale = switch (m.group(2)) {
            case "k" -> 1e3;
            case "M" -> 1e6;
            case "G" -> 1e9;
            case "T" -> 1e12;
            case "P" -> 1e15;
            default -> 1;
        };
        return Math.round(n * scale);
    }
}
