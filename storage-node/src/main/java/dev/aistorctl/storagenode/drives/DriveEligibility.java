package dev.aistorctl.storagenode.drives;

import dev.aistorctl.core.text.ByteSize;
import dev.aistorctl.facts.facts.SystemDisk;
import dev.aistorctl.facts.parse.SignaturesParser.Signature;
import dev.aistorctl.inventory.DriveRule;
import dev.aistorctl.inventory.DriveSelector;
import dev.aistorctl.inventory.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Decides, for one device, every reason it may not be formatted as a data drive. No reason means
 * eligible. Each check adds its own reason, so a device that is both mounted and partitioned says
 * both, and a check that lacks its fact denies with "unknown: ..." rather than guessing. This
 * cluster's own XFS drives ({@link DriveLabel}) are "prepared": never formatted, and kept when
 * mounted at their own mount point.
 */
public final class DriveEligibility {
    /** Below this nothing is a data drive, whatever the rule says: a guard against boot sticks and stray partitions. */
    public static final long MIN_DRIVE_BYTES = 1L << 30;

    private DriveEligibility() {
    }

    /**
     * The verdict on {@code drive}.
     *
     * @param rule    the pool's drive rule; without it (a capture read without an inventory) no device
     *                passes the selection, and loop devices are not drives
     * @param cluster the cluster name that drive labels are checked against
     */
    public static DriveCandidate judge(Drive drive, Optional<DriveRule> rule, Optional<String> cluster) {
        List<DenyReason> reasons = new ArrayList<>();
        DriveSelector select = rule.map(DriveRule::select).orElse(null);

        boolean loopAllowed = select != null && select.transport() == Transport.ANY;
        if (drive.kind() == DriveKind.LOOP && !loopAllowed) {
            reasons.add(DenyReason.of(DenyReason.NOT_A_DRIVE, "not a drive: loop device (only a rule with transport: any takes loop devices)"));
        } else if (drive.kind() != DriveKind.DISK && drive.kind() != DriveKind.LOOP) {
            reasons.add(DenyReason.of(DenyReason.NOT_A_DRIVE, "not a drive: " + drive.kind().description()));
        }

        // ownership first: this cluster's drive may be mounted at its own mount point
        Integer preparedIndex = null;
        String ownMount = null;
        List<Signature> signatures = drive.signatures();
        Optional<DriveLabel> ours = Optional.empty();
        if (drive.signaturesProbed() && signatures.size() == 1 && "xfs".equals(signatures.get(0).type())) {
            ours = DriveLabel.parse(signatures.get(0).label()).filter(l -> cluster.map(l::belongsTo).orElse(false));
        }
        if (ours.isPresent()) {
            preparedIndex = ours.get().index();
            List<String> mounts = rule.map(DriveRule::mounts).orElse(List.of());
            if (preparedIndex <= mounts.size()) {
                ownMount = mounts.get(preparedIndex - 1);
            }
        }

        for (MountRef m : drive.mounts()) {
            if (SystemDisk.isSystemMount(m.mountPoint())) {
                reasons.add(DenyReason.of(DenyReason.SYSTEM_DISK, "system disk: holds " + m.mountPoint() + through(drive, m.device())));
            }
        }
        if (Boolean.TRUE.equals(drive.swap())) {
            reasons.add(DenyReason.of(DenyReason.SYSTEM_DISK, "system disk: swap is active on it"));
        }
        for (MountRef m : drive.mounts()) {
            if (!m.mountPoint().equals(ownMount) || !m.device().equals(drive.path())) {
                reasons.add(DenyReason.of(DenyReason.MOUNTED, "mounted at " + m.mountPoint() + through(drive, m.device())));
            }
        }
        for (String f : drive.fstab()) {
            boolean mountedThere = drive.mounts().stream().anyMatch(m -> m.mountPoint().equals(f));
            if (!f.equals(ownMount) && !mountedThere) {
                reasons.add(DenyReason.of(DenyReason.IN_FSTAB, "swap".equals(f) ? "listed as swap in /etc/fstab"
                        : "listed in /etc/fstab for " + f + " (mounted at the next boot)"));
            }
        }
        if (!drive.partitions().isEmpty()) {
            reasons.add(DenyReason.of(DenyReason.HAS_PARTITIONS, "has partitions: " + String.join(", ", drive.partitions())));
        }
        for (String h : drive.holders()) {
            reasons.add(DenyReason.of(DenyReason.HELD, "held by " + h));
        }
        if (drive.readOnly() == null) {
            reasons.add(DenyReason.unknown("read-only flag not reported"));
        } else if (drive.readOnly()) {
            reasons.add(DenyReason.of(DenyReason.READ_ONLY, "read-only"));
        }
        if (drive.removable() == null) {
            reasons.add(DenyReason.unknown("removable flag not reported"));
        } else if (drive.removable()) {
            reasons.add(DenyReason.of(DenyReason.REMOVABLE, "removable"));
        }
        if (drive.sizeBytes() == null) {
            reasons.add(DenyReason.unknown("size not reported"));
        } else if (drive.sizeBytes() < MIN_DRIVE_BYTES) {
            reasons.add(DenyReason.of(DenyReason.TOO_SMALL, "size " + ByteSize.binary(drive.sizeBytes())
                    + " below the 1 GiB a data drive needs at least"));
        }

        signatureReasons(drive, cluster, ours, rule, reasons);

        if (drive.kind() == DriveKind.DISK && drive.serial() == null && drive.wwn() == null) {
            reasons.add(DenyReason.unknown("no serial or WWN to name the drive by"));
        }
        if (select == null) {
            reasons.add(DenyReason.of(DenyReason.NOT_SELECTED, "no drive rule (give -i INVENTORY)"));
        } else {
            selectorReasons(drive, select, reasons);
        }

        boolean prepared = ours.isPresent() && reasons.stream().allMatch(r -> r.code().equals(DenyReason.PREPARED));
        DriveState state = reasons.isEmpty() ? DriveState.ELIGIBLE : prepared ? DriveState.PREPARED : DriveState.DENIED;
        return new DriveCandidate(drive, state, reasons, preparedIndex, false, null, null);
    }

    private static void signatureReasons(Drive drive, Optional<String> cluster, Optional<DriveLabel> ours,
            Optional<DriveRule> rule, List<DenyReason> reasons) {
        if (!drive.signaturesProbed()) {
            // lsblk's filesystem type, when present, is evidence enough to deny; its absence proves nothing
            if (drive.fstype() != null) {
                reasons.add(DenyReason.of(DenyReason.FOREIGN_FILESYSTEM, foreign(drive.fstype(), drive.label())));
            }
            reasons.add(DenyReason.unknown(drive.probeError() != null ? "signature probe failed: " + drive.probeError()
                    : "on-disk signatures were not probed (the capture has no wipefs result for it)"));
            return;
        }
        if (ours.isPresent()) {
            int index = ours.get().index();
            int count = rule.map(DriveRule::count).orElse(0);
            if (unfinished(drive)) {
                // our own format, cut short (power cut, killed mkfs): neither foreign nor done, formatted again
                return;
            }
            if (index > count) {
                reasons.add(DenyReason.of(DenyReason.LABEL_CONFLICT, "labelled " + ours.get() + " as this cluster's drive "
                        + index + ", but the pool has " + count + " drives"));
            } else {
                reasons.add(DenyReason.of(DenyReason.PREPARED, "owned by this cluster (drive " + index + "): already prepared, never formatted"));
            }
            return;
        }
        for (Signature s : drive.signatures()) {
            // a GPT disk shows its table twice (primary header and backup in the last sector): one reason
            DenyReason reason = DenyReason.of(signatureCode(s), describe(s, cluster));
            if (!reasons.contains(reason)) {
                reasons.add(reason);
            }
        }
    }

    /**
     * Whether the drive's one signature is an XFS filesystem whose format never finished: mkfs.xfs marks the
     * superblock "in progress" when it starts and clears the mark as its last write. With this cluster's label,
     * it is this cluster's drive, unfinished: formatted again (it holds nothing), never kept as prepared.
     */
    public static boolean unfinished(Drive drive) {
        return drive.signaturesProbed() && drive.signatures().size() == 1 && drive.signatures().get(0).unfinishedXfs();
    }

    /**
     * What a signature makes the disk: a partition table, an LVM physical volume, an md member and swap
     * each have their own code, so a person (and {@code --wipe-foreign}) can tell them from a filesystem.
     * A signature found where a partition used to start is what that partition held: a foreign filesystem.
     */
    private static String signatureCode(Signature s) {
        String type = s.type() == null ? "" : s.type();
        if (s.partitionStart() != null) {
            return DenyReason.FOREIGN_FILESYSTEM;
        }
        if (partitionTable(s)) {
            return DenyReason.PARTITION_TABLE;
        }
        return switch (type) {
            case "LVM2_member", "LVM1_member" -> DenyReason.LVM_MEMBER;
            case "linux_raid_member" -> DenyReason.MD_MEMBER;
            case "swap" -> DenyReason.SWAP;
            default -> DenyReason.FOREIGN_FILESYSTEM;
        };
    }

    private static boolean partitionTable(Signature s) {
        String usage = s.usage() == null ? "" : s.usage().toLowerCase(Locale.ROOT);
        return usage.contains("partition table")
                || Set.of("gpt", "PMBR", "dos", "atari", "bsd", "sun", "sgi", "mac").contains(s.type());
    }

    private static String describe(Signature s, Optional<String> cluster) {
        if (s.partitionStart() != null) {
            return describe(new Signature(s.type(), s.usage(), s.label(), s.uuid(), s.offset()), cluster) + " at "
                    + partitionStart(s.partitionStart()) + ", where a partition started (the partition table is gone,"
                    + " the filesystem is not)";
        }
        String type = s.type() == null ? "unknown" : s.type();
        String usage = s.usage() == null ? "" : s.usage().toLowerCase(Locale.ROOT);
        if (partitionTable(s)) {
            return "has a " + type + " partition table";
        }
        switch (signatureCode(s)) {
            case DenyReason.LVM_MEMBER:
                return "LVM physical volume (" + type + " label" + (s.uuid() == null ? "" : " " + s.uuid()) + ")";
            case DenyReason.MD_MEMBER:
                return "md RAID member" + (s.label() == null ? "" : " of array " + s.label())
                        + (s.uuid() == null ? "" : " (" + s.uuid() + ")");
            case DenyReason.SWAP:
                return "swap signature" + (s.label() == null ? "" : " labelled " + s.label()) + ", not in use";
            default:
                break;
        }
        if (usage.equals("raid") || type.endsWith("_member")) {
            return "foreign " + type + " signature (a RAID or LVM member)";
        }
        String text = foreign(type, s.label());
        Optional<DriveLabel> other = DriveLabel.parse(s.label());
        if ("xfs".equals(type) && other.isPresent()) {
            text += cluster.isPresent() ? " (another aistorctl cluster's drive " + other.get().index() + ")"
                    : " (an aistorctl drive label; give -i INVENTORY to tell whose)";
        }
        return text;
    }

    /** "1 MiB", "8 MiB", "32256 bytes": how partitioning tools speak of a partition's start. */
    private static String partitionStart(long bytes) {
        return bytes % (1L << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
    }

    private static String foreign(String type, String label) {
        return "foreign " + type + " filesystem" + (label == null ? "" : " labelled " + label);
    }

    private static void selectorReasons(Drive drive, DriveSelector select, List<DenyReason> reasons) {
        if (select.transport() != Transport.ANY) {
            if (drive.transport() == null) {
                reasons.add(DenyReason.unknown("transport not reported (select transport: " + select.transport().label() + ")"));
            } else if (!select.transport().accepts(drive.transport())) {
                reasons.add(DenyReason.of(DenyReason.NOT_SELECTED, "transport " + drive.transport() + " is not "
                        + select.transport().label()));
            }
        }
        if (select.model().isPresent()) {
            if (drive.model() == null) {
                reasons.add(DenyReason.unknown("model not reported (select model: '" + select.model().get() + "')"));
            } else if (!select.acceptsModel(drive.model())) {
                reasons.add(DenyReason.of(DenyReason.NOT_SELECTED, "model " + drive.model() + " does not match '"
                        + select.model().get() + "'"));
            }
        }
        if (drive.sizeBytes() != null) {
            select.minSize().filter(min -> drive.sizeBytes() < min.bytes()).ifPresent(min -> reasons.add(DenyReason.of(
                    DenyReason.NOT_SELECTED, "size " + ByteSize.binary(drive.sizeBytes()) + " below min_size " + ByteSize.whole(min.bytes()))));
            select.maxSize().filter(max -> drive.sizeBytes() > max.bytes()).ifPresent(max -> reasons.add(DenyReason.of(
                    DenyReason.NOT_SELECTED, "size " + ByteSize.binary(drive.sizeBytes()) + " above max_size " + ByteSize.whole(max.bytes()))));
        }
        if (!select.serials().isEmpty()) {
            if (drive.serial() == null) {
                reasons.add(DenyReason.unknown("serial not reported (select lists serials)"));
            } else if (!select.acceptsSerial(drive.serial())) {
                reasons.add(DenyReason.of(DenyReason.NOT_SELECTED, "serial " + drive.serial() + " is not in select.serials"));
            }
        }
    }

    private static String through(Drive drive, String device) {
        return device == null || device.equals(drive.path()) ? "" : " (through " + device + ")";
    }
}
