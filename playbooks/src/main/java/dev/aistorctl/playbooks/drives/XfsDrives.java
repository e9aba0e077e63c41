package dev.aistorctl.playbooks.drives;

import dev.aistorctl.core.ExecResult;
import dev.aistorctl.core.RemoteException;
import dev.aistorctl.facts.capture.CaptureBundle;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.storagenode.drives.Drive;
import dev.aistorctl.playbooks.Change;
import dev.aistorctl.playbooks.ChangeDifference;
import dev.aistorctl.playbooks.ChangeKey;
import dev.aistorctl.playbooks.Step;
import dev.aistorctl.playbooks.StepCheck;
import dev.aistorctl.playbooks.StepContext;
import dev.aistorctl.playbooks.StepParams;
import dev.aistorctl.playbooks.StepPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Every data drive the pool's rule selects on a host is an XFS filesystem labelled
 * {@code DriveLabel.of(cluster, index)} with the drive marker in its root.
 *
 * <p>Each format is a destructive change keyed by the drive's path, serial, WWN and fingerprint
 * ({@link #key}), with the same facts in its display text. Apply probes the host again (one round trip)
 * and formats nothing on the host when any drive's planned change differs from the re-probed one
 * ("device state changed"): a swapped disk, a new partition or a filesystem made since the plan.
 * Holding a run to a plan reviewed earlier is the runner's work ({@code Runner.apply}), not this step's.
 * This cluster's drives are kept as they are; nothing here ever formats a drive that carries a
 * filesystem, except a foreign one named by {@code wipe_foreign}.
 */
public final class XfsDrives implements Step {
    public static final String TYPE = "xfs-drives";
    /** The kind of a format's {@link ChangeKey}; its subject is the device path. */
    public static final String KEY_KIND = "drive";
    /** Key attributes of a planned format: "format" or "wipe and format", and the drive's state before it. */
    public static final String ACTION = "action";
    public static final String STATE = "state";
    /** What a person at the rack reads off the drive, and where it goes: shown in the plan's drive table. */
    public static final String MODEL = "model";
    public static final String SIZE = "size";
    public static final String MOUNT = "mount";
    public static final String LABEL = "label";
    static final Duration FORMAT_TIMEOUT = Duration.ofMinutes(30);

    private final Set<String> wipeForeign;

    /** @param wipeForeign serials (WWNs, or paths of devices with neither) whose foreign filesystem may be wiped */
    public XfsDrives(Set<String> wipeForeign) {
        this.wipeForeign = Set.copyOf(wipeForeign);
    }

    public static XfsDrives fromParams(StepParams p) {
        p.allowOnly("wipe_foreign");
        return new XfsDrives(p.has("wipe_foreign") ? new TreeSet<>(p.strings("wipe_foreign")) : Set.of());
    }

    public XfsDrives withWipeForeign(Set<String> names) {
        return new XfsDrives(names);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "data drives are XFS with this cluster's labels";
    }

    @Override
    public StepCheck check(StepContext context) {
        InventoryHost h = context.inventoryHost();
        if (h.drives() == null) {
            return StepCheck.blocked("the inventory gives " + h.name() + " no drives rule (pool " + h.pool() + ")");
        }
        return StepCheck.ready();
    }

    @Override
    public StepPlan plan(StepContext context) {
        DriveLayout layout = layout(context);
        List<Change> changes = changes(layout);
        if (changes.isEmpty()) {
            return StepPlan.nothingToDo(TYPE, context.host(), "all " + layout.slots().size()
                    + " data drives are this cluster's XFS drives already: " + String.join(", ", layout.slots().stream()
                            .map(s -> s.drive().path() + " " + s.label()).toList())).withWarnings(layout.leftOver());
        }
        return StepPlan.changes(TYPE, context.host(), changes).withWarnings(layout.leftOver());
    }

    @Override
    public void apply(StepContext context, StepPlan plan) {
        // The second of the three guards: the drives are probed again, and a host whose drives are not
        // exactly as planned is not touched at all, not even its unchanged drives.
        DriveLayout now = layout(context);
        List<Change> fresh = changes(now);
        if (!fresh.equals(plan.changes())) {
            throw new RemoteException(context.host(), "format drives", "device state changed: "
                    + String.join("; ", ChangeDifference.between(plan.changes(), fresh)) + "; nothing was formatted on this host");
        }
        List<DriveLayout.Slot> formats = now.formats();
        ExecResult r = context.connector().run(FormatScript.command(context.inventory().cluster().name(), formats,
                UUID::randomUUID, Instant.now()), FORMAT_TIMEOUT);
        Map<Integer, FormatScript.Outcome> outcomes = FormatScript.outcomes(r.stdoutText());
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < formats.size(); i++) {
            DriveLayout.Slot s = formats.get(i);
            FormatScript.Outcome o = outcomes.get(i + 1);
            if (o == null || o.exitCode() != 0) {
                failed.add(s.drive().path() + " (" + DriveLayout.identity(s.drive()) + "): "
                        + (o == null ? "no result" : o.step() + (o.messages().isEmpty() ? "" : ": " + o.messages())));
            } else {
                context.note("formatted " + s.drive().path() + " (" + DriveLayout.describe(s.drive()) + ") as " + s.label());
            }
        }
        if (!failed.isEmpty() || !r.ok()) {
            throw new RemoteException(context.host(), "format drives", failed.isEmpty()
                    ? "format script exited " + r.exitCode() + ": " + r.stderrTail(3).strip()
                    : String.join("; ", failed));
        }
    }

    private DriveLayout layout(StepContext context) {
        InventoryHost h = context.inventoryHost();
        CaptureBundle bundle = DriveProbe.run(context.connector(), h.drives().mounts());
        return DriveLayout.of(h.name(), bundle, h.pool(), h.drives(), context.inventory().cluster().name(), wipeForeign);
    }

    /** The destructive changes of a layout, in slot order; a drive is named by everything that tells it apart. */
    static List<Change> changes(DriveLayout layout) {
        List<Change> out = new ArrayList<>();
        for (DriveLayout.Slot s : layout.formats()) {
            String verb = s.action() == DriveLayout.Action.WIPE_AND_FORMAT ? "wipe and format" : "format";
            ChangeKey key = key(s.drive()).with(ACTION, verb).with(STATE, s.before())
                    .with(MODEL, s.drive().model())
                    .with(SIZE, s.drive().sizeBytes() == null ? null : dev.aistorctl.core.text.ByteSize.binary(s.drive().sizeBytes()))
                    .with(MOUNT, s.mountPoint()).with(LABEL, s.label().text());
            out.add(Change.destructive(key, verb + " " + s.drive().path() + " as drive " + s.index() + " (" + s.mountPoint() + ")",
                    s.before() + "; " + DriveLayout.describe(s.drive()) + ", fingerprint " + s.drive().fingerprint(),
                    "XFS labelled " + s.label() + " with marker " + dev.aistorctl.storagenode.drives.DriveMarker.FILE_NAME));
        }
        return out;
    }

    /** A drive as a change's key: its path, and the serial, WWN and fingerprint that must still be true at apply. */
    public static ChangeKey key(Drive d) {
        return ChangeKey.of(KEY_KIND, d.path()).with("serial", d.serial()).with("wwn", d.wwn())
                .with("fingerprint", d.fingerprint());
    }
}
