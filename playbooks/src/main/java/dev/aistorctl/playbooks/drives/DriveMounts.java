package dev.aistorctl.playbooks.drives;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.RemoteException;
import dev.aistorctl.core.text.UnifiedDiff;
import dev.aistorctl.facts.capture.CaptureBundle;
import dev.aistorctl.facts.capture.CaptureEntry;
import dev.aistorctl.facts.capture.Sources;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.playbooks.Change;
import dev.aistorctl.playbooks.ChangeKey;
import dev.aistorctl.playbooks.Step;
import dev.aistorctl.playbooks.StepCheck;
import dev.aistorctl.playbooks.StepContext;
import dev.aistorctl.playbooks.StepParams;
import dev.aistorctl.playbooks.StepPlan;
import dev.aistorctl.storagenode.drives.DriveMarker;
import dev.aistorctl.storagenode.drives.MountRef;
import dev.aistorctl.storagenode.minio.MinioPaths;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every data drive is in /etc/fstab by label, mounted at its mount point, carries a marker that
 * names this cluster, this slot and this drive's serial, and its root belongs to the storage service
 * user ({@code minio-user} when it exists; root until the node step creates the user and takes its
 * data directory). Plans for drives that are about to be formatted too, so a dry run shows the whole
 * picture. A marker that names another cluster, slot or serial fails the host: a drive moved from
 * another server or slot is for a person to look at, never to mount as if it were the old one.
 */
public final class DriveMounts implements Step {
    public static final String TYPE = "drive-mounts";
    /** The key kind of mounting a data drive: the plan's drive table stands for the mount of a drive it formats. */
    public static final String MOUNT_KEY_KIND = "mount";

    private final Set<String> wipeForeign;

    public DriveMounts(Set<String> wipeForeign) {
        this.wipeForeign = Set.copyOf(wipeForeign);
    }

    public static DriveMounts fromParams(StepParams p) {
        p.allowOnly("wipe_foreign");
        return new DriveMounts(p.has("wipe_foreign") ? new TreeSet<>(p.strings("wipe_foreign")) : Set.of());
    }

    public DriveMounts withWipeForeign(Set<String> names) {
        return new DriveMounts(names);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "data drives are in /etc/fstab and mounted";
    }

    @Override
    public StepCheck check(StepContext context) {
        InventoryHost h = context.inventoryHost();
        return h.drives() == null ? StepCheck.blocked("the inventory gives " + h.name() + " no drives rule")
                : StepCheck.ready();
    }

    /** What the step reads: the layout, and the probe sources it came from. */
    record State(DriveLayout layout, CaptureBundle bundle, String fstab, String owner) {
    }

    State read(StepContext context) {
        InventoryHost h = context.inventoryHost();
        CaptureBundle bundle = DriveProbe.run(context.connector(), h.drives().mounts());
        return state(h, context.inventory().cluster().name(), bundle, wipeForeign);
    }

    static State state(InventoryHost h, String cluster, CaptureBundle bundle, Set<String> wipeForeign) {
        DriveLayout layout = DriveLayout.of(h.name(), bundle, h.pool(), h.drives(), cluster, wipeForeign);
        if (bundle.text(Sources.FSTAB.file()).isEmpty() || bundle.entry(Sources.FSTAB.file()).map(CaptureEntry::failed).orElse(false)) {
            throw new RemoteException(h.name(), "read /etc/fstab", bundle.stderr(Sources.FSTAB.file()).orElse("not captured").strip());
        }
        boolean user = bundle.entry("service-user.txt").map(e -> !e.failed()).orElse(false);
        return new State(layout, bundle, bundle.text(Sources.FSTAB.file()).orElse(""),
                user ? MinioPaths.USER + ":" + MinioPaths.GROUP : "root:root");
    }

    @Override
    public StepPlan plan(StepContext context) {
        return plan(context.host(), context.inventory().cluster().name(), read(context));
    }

    static StepPlan plan(String host, String cluster, State s) {
        List<Change> changes = new ArrayList<>();
        String desired;
        try {
            desired = FstabFile.merge(s.fstab(), cluster, entries(s.layout()));
        } catch (IllegalStateException e) {
            throw new RemoteException(host, "plan /etc/fstab", e.getMessage());
        }
        if (!desired.equals(s.fstab())) {
            Map<String, String> before = FstabFile.ours(s.fstab());
            Map<String, String> after = FstabFile.ours(desired);
            // The lines themselves are in the diff; the change's line counts them.
            changes.add(Change.of(ChangeKey.of("fstab", "/etc/fstab"), "/etc/fstab data drive lines", before.isEmpty() ? null : lines(before.size()),
                    lines(after.size())).withDiff(UnifiedDiff.of("/etc/fstab", s.fstab(), desired)));
        }
        int i = 0;
        for (DriveLayout.Slot slot : s.layout().slots()) {
            i++;
            MountDir dir = MountDir.parse(s.bundle().text("mount-dir-" + i + ".txt").orElse(""));
            String mp = slot.mountPoint();
            boolean ours = slot.drive().mounts().stream().map(MountRef::mountPoint).anyMatch(mp::equals);
            if (dir.mounted() && !ours) {
                throw new RemoteException(host, "plan mounts", mp + " has another filesystem mounted; "
                        + slot.drive().path() + " (" + DriveLayout.identity(slot.drive()) + ") belongs there");
            }
            if (!dir.mounted() && dir.holdsFiles()) {
                throw new RemoteException(host, "plan mounts", mp + " is not empty; mounting "
                        + slot.drive().path() + " (" + DriveLayout.identity(slot.drive()) + ") there would hide its files: "
                        + "move them away, or choose another mount path");
            }
            if (!dir.exists()) {
                changes.add(Change.of(ChangeKey.of("mount point", mp), "mount point " + mp, null, "directory"));
            }
            if (!ours) {
                changes.add(Change.of(ChangeKey.of(MOUNT_KEY_KIND, mp).with("label", slot.label().text()).with("device", slot.drive().path()),
                        "mount " + mp, "not mounted", "LABEL=" + slot.label() + " (" + slot.drive().path() + ")"));
            }
            if (!ours || !s.owner().equals(dir.owner())) {
                changes.add(Change.of(ChangeKey.of("owner", mp), "owner of " + mp, ours ? dir.owner() : "(not mounted)", s.owner()));
            }
            if (ours) {
                CaptureEntry entry = s.bundle().entry("marker-" + i + ".json").orElse(null);
                if (entry == null || entry.failed()) {
                    changes.add(Change.of(ChangeKey.of("marker", mp), "marker in " + mp, null, DriveMarker.FILE_NAME + " for drive " + slot.index()));
                } else {
                    DriveMarker marker;
                    try {
                        marker = DriveMarker.parse(s.bundle().text("marker-" + i + ".json").orElse(""));
                    } catch (IllegalArgumentException e) {
                        throw new RemoteException(host, "read the marker in " + mp, e.getMessage());
                    }
                    if (!marker.confirms(cluster, slot.index(), slot.drive())) {
                        throw new RemoteException(host, "check " + slot.drive().path(), "its marker in " + mp
                                + " names cluster " + marker.cluster() + " drive " + marker.index() + " serial "
                                + marker.serial() + ", not this cluster's drive " + slot.index() + " serial "
                                + slot.drive().serial() + "; a drive moved between slots or servers is left for a person");
                    }
                }
            }
        }
        if (changes.isEmpty()) {
            return StepPlan.nothingToDo(TYPE, host, "all " + s.layout().slots().size()
                    + " data drives are in /etc/fstab, mounted, marked and owned by " + s.owner());
        }
        return StepPlan.changes(TYPE, host, changes);
    }

    private static String lines(int n) {
        return n + (n == 1 ? " line" : " lines") + " by label";
    }

    @Override
    public void apply(StepContext context, StepPlan plan) {
        String cluster = context.inventory().cluster().name();
        State s = read(context);
        String desired = FstabFile.merge(s.fstab(), cluster, entries(s.layout()));
        if (!desired.equals(s.fstab())) {
            var r = context.connector().run(Command.of("sh", "-c", WRITE_FSTAB, "aistorctl-fstab", sha256(s.fstab()))
                    .withEnv("LC_ALL", "C").asRoot(), desired.getBytes(StandardCharsets.UTF_8), java.time.Duration.ofMinutes(1));
            if (!r.ok()) {
                throw new RemoteException(context.host(), "write /etc/fstab", "exit " + r.exitCode() + ": " + r.stderrTail(3).strip());
            }
        }
        List<String> argv = new ArrayList<>(List.of("sh", "-c", MOUNT, "aistorctl-mount", s.owner()));
        for (DriveLayout.Slot slot : s.layout().slots()) {
            argv.add(slot.mountPoint());
            argv.add(slot.label().text());
            argv.add(DriveMarker.of(cluster, slot.index(), slot.drive(), Optional.ofNullable(slot.drive().fsUuid()).orElse(""),
                    Instant.now()).toJson());
        }
        // A mount point that holds files fails the script before anything is mounted (exit 16,
        // "MOUNT-POINT is not empty; ..."): the error names the directory.
        context.runChecked(Command.of(argv).withEnv("LC_ALL", "C").asRoot(), "mount data drives");
    }

    /** The mount script's exit code for a mount point that holds files, checked before anything is mounted. */
    static final int NOT_EMPTY = 16;

    static List<FstabFile.Entry> entries(DriveLayout layout) {
        return layout.slots().stream().map(s -> new FstabFile.Entry(s.index(), s.label(), s.mountPoint(), serial(s))).toList();
    }

    /** The drive's serial, else its WWN, for the fstab marker; null for a drive with neither (a loop device). */
    private static String serial(DriveLayout.Slot s) {
        if (s.drive() == null) {
            return null;
        }
        String serial = s.drive().serial();
        return serial != null && !serial.isBlank() ? serial : s.drive().wwn();
    }

    static final String WRITE_FSTAB = DriveProbe.resource("write-fstab.sh");
    static final String MOUNT = DriveProbe.resource("mount-drives.sh");

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A mount point as the probe saw it: whether it exists, whether something is mounted there, its
     * owner, and whether the directory holds files (false when unknown, as from an older probe).
     */
    record MountDir(boolean exists, boolean mounted, String owner, boolean holdsFiles) {
        static MountDir parse(String line) {
            String[] f = line.strip().split("\t");
            if (f.length < 5) {
                return new MountDir(false, false, null, false);
            }
            return new MountDir(f[0].equals("1"), f[1].equals("1"), f[2] + ":" + f[3], f.length > 5 && f[5].equals("0"));
        }
    }
}
