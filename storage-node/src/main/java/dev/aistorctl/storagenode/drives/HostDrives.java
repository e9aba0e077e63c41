package dev.aistorctl.storagenode.drives;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One host's devices with their verdicts and the pool rule's selection.
 *
 * @param required  the pool's {@code drives.count}; null without an inventory
 * @param selected  how many drives the rule took
 * @param problem   why the host cannot get its drives ("needs 4 data drives, found 3: ..."), or why
 *                  its devices are unknown; null when all is well
 * @param leftOut   eligible drives beyond {@code drives.count}, by path
 * @param notes     capture sources that were missing or unreadable
 */
public record HostDrives(
        @JsonProperty("host") String host,
        @JsonProperty("reachable") boolean reachable,
        @JsonProperty("error") String error,
        @JsonProperty("pool") String pool,
        @JsonProperty("required") Integer required,
        @JsonProperty("selected") int selected,
        @JsonProperty("problem") String problem,
        @JsonProperty("left_out") List<String> leftOut,
        @JsonProperty("notes") List<String> notes,
        @JsonProperty("devices") List<DriveCandidate> devices) {

    public HostDrives {
        leftOut = List.copyOf(leftOut);
        notes = List.copyOf(notes);
        devices = List.copyOf(devices);
    }

    public static HostDrives unreachable(String host, String error) {
        return new HostDrives(host, false, error, null, null, 0, null, List.of(), List.of(), List.of());
    }

    /** Reached, and either no rule was asked for or the rule got all its drives. */
    @JsonProperty("ok")
    public boolean ok() {
        return reachable && problem == null;
    }

    /** The selected drives in slot order. */
    public List<DriveCandidate> selectedDrives() {
        return devices.stream().filter(DriveCandidate::selected)
                .sorted(java.util.Comparator.comparing(DriveCandidate::driveIndex)).toList();
    }
}
