package dev.aistorctl.playbooks.drives;

import dev.aistorctl.core.RemoteException;
import dev.aistorctl.core.text.ByteSize;
import dev.aistorctl.facts.capture.CaptureBundle;
import dev.aistorctl.inventory.DriveRule;
import dev.aistorctl.storagenode.drives.BlockDevices;
import dev.aistorctl.storagenode.drives.DenyReason;
import dev.aistorctl.storagenode.drives.Drive;
import dev.aistorctl.storagenode.drives.DriveCandidate;
import dev.aistorctl.storagenode.drives.DriveEligibility;
import dev.aistorctl.storagenode.drives.DriveLabel;
import dev.aistorctl.storagenode.drives.DriveSelection;
import dev.aistorctl.storagenode.drives.DriveState;
import dev.aistorctl.storagenode.drives.HostDrives;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which device becomes which data drive of a host, and what happens to it: kept (this cluster's
 * drive already), formatted (blank and eligible), or wiped and formatted (its only problems are
 * on-disk signatures nothing uses, see {@link #WIPEABLE}, and the user named it in {@code --wipe-foreign}).
 * Pure: computed from a capture, so a plan and its re-probe at apply time are compared by the same rules.
 *
 * <p>A foreign drive named for wiping is judged like any other first; only when every reason that
 * denies it is in {@link #WIPEABLE} does it become eligible. Mounted, partitioned, held, swapped-on
 * and system disks stay denied whatever is named, and naming one fails the host, loudly. A name that
 * matches more than one device (a serial two devices share) fails the host too; such devices are denied
 * anyway ({@code duplicate_identity}), so they are never selected.
 */
public record DriveLayout(String host, HostDrives drives, List<Slot> slots) {

    public enum Action { KEEP, FORMAT, WIPE_AND_FORMAT }

    /**
     * The deny reasons {@code --wipe-foreign} may override: signatures on the disk that nothing running uses.
     * Everything in use stays refused: partitions the kernel lists, a holder (an assembled md array, an active
     * LVM volume group, dm-crypt), a mount, an fstab entry, active swap and the system disk.
     */
    static final Set<String> WIPEABLE = Set.of(DenyReason.FOREIGN_FILESYSTEM, DenyReason.PARTITION_TABLE,
            DenyReason.LVM_MEMBER, DenyReason.MD_MEMBER, DenyReason.SWAP);

    /** One selected drive: its slot, label and fate. */
    public record Slot(int index, String mountPoint, DriveLabel label, Drive drive, Action action, String before) {
        public boolean destructive() {
            return action != Action.KEEP;
        }
    }

    public DriveLayout {
        slots = List.copyOf(slots);
    }

    /**
     * @param wipeForeign serials (or WWNs; the path for a device with neither, e.g. a loop device) whose
     *                    foreign filesystem may be destroyed
     * @throws RemoteException when the host cannot get its drives (naming every candidate and why), or a
     *                         device named for wiping is denied for another reason too
     */
    public static DriveLayout of(String host, CaptureBundle bundle, String pool, DriveRule rule, String cluster,
            Set<String> wipeForeign) {
        BlockDevices devices = BlockDevices.from(bundle);
        if (!devices.listed()) {
            throw new RemoteException(host, "plan drives", "unknown: no block device list ("
                    + String.join("; ", devices.notes()) + ")");
        }
        List<String> ambiguous = new ArrayList<>();
        for (String name : new TreeSet<>(wipeForeign)) {
            List<String> hits = devices.drives().stream().filter(d -> named(d, Set.of(name))).map(Drive::path).toList();
            if (hits.size() > 1) {
                ambiguous.add(name + " names " + hits.size() + " devices: " + String.join(", ", hits));
            }
        }
        if (!ambiguous.isEmpty()) {
            throw new RemoteException(host, "plan drives", "refused --wipe-foreign " + String.join("; ", ambiguous)
                    + " (a serial or WWN on more than one device is two paths to one disk or devices nothing tells apart;"
                    + " nothing is wiped)");
        }
        List<DriveCandidate> judged = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        List<String> wiped = new ArrayList<>();
        for (Drive d : devices.drives()) {
            DriveCandidate c = DriveEligibility.judge(d, Optional.of(rule), Optional.of(cluster));
            if (named(d, wipeForeign) && c.state() == DriveState.DENIED
                    && c.denyReasons().stream().anyMatch(r -> WIPEABLE.contains(r.code()))) {
                if (c.denyReasons().stream().allMatch(r -> WIPEABLE.contains(r.code()))) {
                    wiped.add(d.path());
                    c = new DriveCandidate(d, DriveState.ELIGIBLE, List.of(), null, false, null, null);
                } else {
                    refused.add(d.path() + " (" + identity(d) + ") " + c.describe());
                }
            }
            judged.add(c);
        }
        if (!refused.isEmpty()) {
            throw new RemoteException(host, "plan drives", "refused to wipe " + String.join("; ", refused)
                    + " (--wipe-foreign wipes only a drive whose sole problems are on-disk signatures nothing uses:"
                    + " a foreign filesystem, a partition table without partitions, an LVM physical volume or md member"
                    + " nothing has active, a swap signature not in use)");
        }
        HostDrives selected = DriveSelection.select(host, pool, judged, Optional.of(rule), devices.notes());
        if (selected.problem() != null) {
            throw new RemoteException(host, "plan drives", selected.problem());
        }
        List<Slot> slots = new ArrayList<>();
        for (DriveCandidate c : selected.selectedDrives()) {
            Drive d = c.drive();
            boolean unfinished = c.state() == DriveState.ELIGIBLE && DriveEligibility.unfinished(d);
            // mkfs.xfs refuses a device that carries a filesystem, even a half-made one: ours is wiped first
            Action action = c.state() == DriveState.PREPARED ? Action.KEEP
                    : wiped.contains(d.path()) || unfinished ? Action.WIPE_AND_FORMAT : Action.FORMAT;
            String before = action == Action.KEEP ? "this cluster's XFS drive " + c.preparedIndex()
                    : unfinished ? "this cluster's drive " + c.preparedIndex() + ", unfinished: its format was cut short"
                    + " (the XFS superblock still says mkfs.xfs is making it)"
                    : action == Action.FORMAT ? "blank"
                    : String.join("; ", DriveEligibility.judge(d, Optional.of(rule), Optional.of(cluster)).denyReasons()
                            .stream().map(DenyReason::message).toList());
            slots.add(new Slot(c.driveIndex(), c.mountPoint(), DriveLabel.of(cluster, c.driveIndex()), d, action, before));
        }
        return new DriveLayout(host, selected, slots);
    }

    /** The name a drive goes by in --wipe-foreign and in messages: serial, else WWN, else its path. */
    public static String identity(Drive d) {
        return d.serial() != null ? d.serial() : d.wwn() != null ? d.wwn() : d.path();
    }

    static boolean named(Drive d, Set<String> names) {
        return (d.serial() != null && names.contains(d.serial())) || (d.wwn() != null && names.contains(d.wwn()))
                || (d.serial() == null && d.wwn() == null && names.contains(d.path()));
    }

    /** "serial S1, model Micron_7500, 14.0 TiB" (what names the drive to a person at the rack). */
    public static String describe(Drive d) {
        List<String> parts = new ArrayList<>();
        parts.add(d.serial() != null ? "serial " + d.serial() : d.wwn() != null ? "wwn " + d.wwn() : "no serial");
        if (d.backingFile() != null) {
            parts.add("image " + d.backingFile());
        }
        parts.add("model " + (d.model() == null ? "-" : d.model()));
        parts.add(d.sizeBytes() == null ? "size unknown" : ByteSize.binary(d.sizeBytes()));
        return String.join(", ", parts);
    }

    /**
     * Eligible drives beyond {@code drives.count}: the rule took enough without them, so they are left untouched
     * (an engineer who counted eight drives and wrote six should hear of the other two).
     */
    public List<String> leftOver() {
        List<String> out = new ArrayList<>();
        for (String path : drives.leftOut()) {
            drives.devices().stream().filter(c -> c.drive().path().equals(path)).findFirst().ifPresent(c ->
                    out.add("eligible drive " + path + " (" + describe(c.drive()) + ") is beyond drives.count "
                            + drives.required() + ": left untouched"));
        }
        return out;
    }

    public List<Slot> formats() {
        return slots.stream().filter(Slot::destructive).toList();
    }
}
