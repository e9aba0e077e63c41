package dev.aistorctl.playbooks.drives;

import dev.aistorctl.storagenode.drives.DriveLabel;
import dev.aistorctl.storagenode.drives.FstabMarker;
import dev.aistorctl.storagenode.minio.MinioPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * /etc/fstab with this cluster's data drive lines merged in. Every line of ours follows a marker
 * comment naming the drive, so a later run finds and replaces exactly its own lines; every other
 * line (the system's, other tools', comments) is kept byte for byte and in place. Our lines go
 * at the end, in drive order, and rendering an already merged file gives the same file.
 *
 * <p>Mount by label, never by device name (names move between boots); {@code nofail} so a dead drive
 * does not drop the server to emergency mode, and a device timeout that outlasts the way to udev's
 * first look at the drives: systemd starts the timeout before udev runs, and a 30 s timeout expired
 * on an emulated host (udev started 82 s into boot) and left every drive unmounted for good;
 * {@code noatime,nodiratime} per MinIO's storage requirements. {@code x-systemd.before=} the storage
 * node's unit: a {@code nofail} mount is not waited for by {@code local-fs.target}, so without it the
 * node could start at boot before its drives are mounted and write into the empty mount points on the
 * system disk; an ordering, not a requirement, so a dead drive still lets the node start without it.
 */
public final class FstabFile {
    public static final String MARKER = FstabMarker.PREFIX;
    public static final String OPTIONS = "defaults,noatime,nodiratime,nofail,x-systemd.device-timeout=3min,"
            + "x-systemd.before=" + MinioPaths.SERVICE;

    private FstabFile() {
    }

    /** One data drive's line; {@code serial} is written into its marker (null for a drive without one). */
    public record Entry(int index, DriveLabel label, String mountPoint, String serial) {
        String line() {
            return "LABEL=" + label.text() + " " + mountPoint + " xfs " + OPTIONS + " 0 2";
        }

        String marker(String cluster) {
            return FstabMarker.line(index, cluster, serial);
        }
    }

    /**
     * {@code current} with our lines replaced by {@code entries}.
     *
     * @throws IllegalStateException when a line that is not ours mounts something at one of our mount
     *                               points or names one of our labels: two owners of one mount point is
     *                               for a person to settle
     */
    public static String merge(String current, String cluster, List<Entry> entries) {
        List<String> kept = new ArrayList<>();
        List<String> lines = current.isEmpty() ? List.of() : List.of(current.split("\n", -1));
        boolean skipNext = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i == lines.size() - 1 && line.isEmpty()) {
                break;
            }
            if (skipNext) {
                skipNext = false;
                if (!line.startsWith("#")) {
                    continue;
                }
            }
            if (line.startsWith(MARKER)) {
                skipNext = true;
                continue;
            }
            for (Entry e : entries) {
                String[] f = line.strip().split("\\s+");
                if (line.strip().startsWith("#") || f.length < 2) {
                    continue;
                }
                if (f[1].equals(e.mountPoint()) || f[0].equals("LABEL=" + e.label().text())) {
                    throw new IllegalStateException("/etc/fstab line " + (i + 1) + " '" + line.strip()
                            + "' is not aistorctl's and names " + (f[1].equals(e.mountPoint()) ? e.mountPoint()
                            : "label " + e.label()) + "; remove or change it first");
                }
            }
            kept.add(line);
        }
        StringBuilder out = new StringBuilder();
        kept.forEach(l -> out.append(l).append('\n'));
        for (Entry e : entries) {
            out.append(e.marker(cluster)).append('\n').append(e.line()).append('\n');
        }
        return out.toString();
    }

    /** Our entries in the file, by mount point: the line that follows each marker. */
    public static Map<String, String> ours(String current) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        String[] lines = current.split("\n", -1);
        for (int i = 0; i + 1 < lines.length; i++) {
            if (lines[i].startsWith(MARKER)) {
                String[] f = lines[i + 1].strip().split("\\s+");
                if (f.length >= 2) {
                    out.put(f[1], lines[i + 1]);
                }
            }
        }
        return out;
    }
}
