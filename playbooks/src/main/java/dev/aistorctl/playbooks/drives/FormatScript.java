package dev.aistorctl.playbooks.drives;

import dev.aistorctl.core.Command;
import dev.aistorctl.storagenode.drives.DriveMarker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one remote command that formats every drive of a host at once ({@code format-drives.sh}):
 * the drives' mkfs.xfs run side by side, so eight drives take about as long as one. The filesystem
 * UUID is chosen here and given to mkfs.xfs, so the marker naming it is complete before the drive
 * is touched. Each drive's size, serial and backing file as planned go with it, and the script checks
 * them right before it wipes or formats that drive.
 */
public final class FormatScript {
    private static final String SCRIPT = DriveProbe.resource("format-drives.sh");
    private static final Pattern DRIVE = Pattern.compile("^@drive (\\d+) (\\d+)$", Pattern.MULTILINE);

    private FormatScript() {
    }

    public static String script() {
        return SCRIPT;
    }

    public static Command command(String cluster, List<DriveLayout.Slot> formats, Supplier<UUID> uuids, Instant now) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", SCRIPT, "aistorctl-format"));
        for (DriveLayout.Slot s : formats) {
            String uuid = uuids.get().toString();
            argv.add(s.drive().path());
            argv.add(s.label().text());
            argv.add(uuid);
            argv.add(s.action() == DriveLayout.Action.WIPE_AND_FORMAT ? "1" : "0");
            argv.add(DriveMarker.of(cluster, s.index(), s.drive(), uuid, now).toJson());
            // the identity the script checks right before it touches the drive
            argv.add(String.valueOf(s.drive().sizeBytes()));
            argv.add(s.drive().serial() == null ? "-" : s.drive().serial());
            argv.add(s.drive().backingFile() == null ? "-" : s.drive().backingFile());
        }
        return Command.of(argv).withEnv("LC_ALL", "C").asRoot();
    }

    /** Each drive's (1-based, in argument order) exit code and messages, from the script's output. */
    public static Map<Integer, Outcome> outcomes(String output) {
        Map<Integer, Outcome> out = new LinkedHashMap<>();
        Matcher m = DRIVE.matcher(output);
        List<int[]> heads = new ArrayList<>();
        while (m.find()) {
            heads.add(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.start(), m.end()});
        }
        for (int i = 0; i < heads.size(); i++) {
            int[] h = heads.get(i);
            int end = i + 1 < heads.size() ? heads.get(i + 1)[2] : output.length();
            out.put(h[0], new Outcome(h[1], output.substring(h[3], end).strip()));
        }
        return out;
    }

    public record Outcome(int exitCode, String messages) {
        /** What failed, from the script's exit codes. */
        public String step() {
            return switch (exitCode) {
                case 0 -> "formatted";
                case 10 -> "device state changed (size, serial, backing file, or a signature on a blank drive), not formatted";
                case 11 -> "wipefs -a failed";
                case 12 -> "mkfs.xfs failed";
                case 13, 14 -> "mounting the new filesystem to write its marker failed";
                case 15 -> "writing the marker failed";
                case 16 -> "unmounting after writing the marker failed";
                default -> "exit " + exitCode;
            };
        }
    }
}
