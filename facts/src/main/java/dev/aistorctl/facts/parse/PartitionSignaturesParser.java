package dev.aistorctl.facts.parse;

import dev.aistorctl.facts.parse.SignaturesParser.Signature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code partition-signatures.txt}: for each whole device and each offset where a partition usually starts, a line
 * {@code @device NAME OFFSET EXIT}, then what {@code blkid -p -O OFFSET -o export} printed: {@code KEY=value} lines
 * when it found a signature there (exit 0), nothing when it found none (exit 2), or its error.
 *
 * <p>Why: a drive whose partition table was wiped ({@code wipefs -a} on the disk, {@code sgdisk --zap-all}) looks
 * blank to the whole-device probe, while the filesystems of its old partitions are still there, whole, at 1 MiB
 * or 32256 bytes. Such a drive holds someone's data.
 */
public final class PartitionSignaturesParser {
    /**
     * Why the gather left a disk out of the file (the manifest's {@code left_out} of {@code partition-signatures.txt}
     * says {@code "NAME: "} and one of these): the drive facts read these probes only for a disk wipefs ran on and
     * found blank. Shell text between double quotes: nothing the shell expands.
     */
    public static final String NOT_PROBED_SIGNATURE = "not probed: wipefs found a signature on the whole disk"
            + " (only a disk it finds blank is probed where partitions start)";
    public static final String NOT_PROBED_WIPEFS_FAILED = "not probed: wipefs failed on the disk"
            + " (only a disk it finds blank is probed where partitions start)";

    /** blkid's low-level probe exits 2 when it found nothing at the offset. */
    private static final int NOTHING_FOUND = 2;

    private PartitionSignaturesParser() {
    }

    /**
     * What the probes at partition offsets found on one device.
     *
     * @param found  the signatures found, each with its {@link Signature#partitionStart()}
     * @param error  why a probe failed (the first failure), null when every probe ran
     */
    public record PartitionProbe(String device, List<Signature> found, String error) {
        public PartitionProbe {
            found = List.copyOf(found);
        }

        public boolean ok() {
            return error == null;
        }
    }

    /**
     * The disks the gather left out of the file, each with why, from the manifest's {@code left_out} lines of
     * {@code partition-signatures.txt} ({@code "NAME: why"}); empty for a bundle from before the gather left any out.
     */
    public static Map<String, String> leftOut(List<String> leftOutLines) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : leftOutLines) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                out.putIfAbsent(line.substring(0, colon), line.substring(colon + 2));
            }
        }
        return out;
    }

    /** The probes by device name, in the order they ran. */
    public static Map<String, PartitionProbe> parse(String text) {
        Map<String, List<Signature>> found = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        String device = null;
        long offset = 0;
        int exit = 0;
        List<String> body = new ArrayList<>();
        for (String line : Text.lines(text)) {
            if (line.startsWith("@device ")) {
                if (device != null) {
                    record(device, offset, exit, body, found, errors);
                }
                String[] f = line.split(" ");
                Long at = f.length == 4 ? Text.toLong(f[2]) : null;
                Integer code = f.length == 4 ? Text.toInt(f[3]) : null;
                if (at == null || code == null) {
                    throw new IllegalArgumentException("partition signatures: malformed line '" + line + "'");
                }
                device = f[1];
                offset = at;
                exit = code;
                body.clear();
            } else if (device != null) {
                body.add(line);
            }
        }
        if (device != null) {
            record(device, offset, exit, body, found, errors);
        }
        Map<String, PartitionProbe> out = new LinkedHashMap<>();
        found.forEach((d, list) -> out.put(d, new PartitionProbe(d, list, errors.get(d))));
        return out;
    }

    private static void record(String device, long offset, int exit, List<String> body, Map<String, List<Signature>> found,
                               Map<String, String> errors) {
        List<Signature> list = found.computeIfAbsent(device, d -> new ArrayList<>());
        if (exit == NOTHING_FOUND) {
            return;
        }
        if (exit != 0) {
            String first = body.stream().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
            errors.putIfAbsent(device, "blkid -p at byte " + offset + " exited " + exit + (first.isEmpty() ? "" : ": " + first));
            return;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : body) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq).strip(), unescape(line.substring(eq + 1).strip()));
            }
        }
        String type = Text.blankToNull(values.get("TYPE"));
        String usage = Text.blankToNull(values.get("USAGE"));
        if (type == null && usage == null) {
            // exit 0 without a type: something answered; when in doubt, it is a signature of unknown type
            errors.putIfAbsent(device, "blkid -p at byte " + offset + " found something it did not name");
            return;
        }
        list.add(new Signature(type, usage, Text.blankToNull(values.get("LABEL")), Text.blankToNull(values.get("UUID")),
                null, offset));
    }

    /** {@code -o export} escapes spaces and shell characters with a backslash. */
    private static String unescape(String v) {
        StringBuilder sb = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length()) {
                c = v.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
