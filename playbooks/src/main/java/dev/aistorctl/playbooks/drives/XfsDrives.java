package dev.aistorctl.playbooks.drives;

import dev.aistorctl.core.ExecResult;
import dev.aistorctl.core.RemoteException;
import dev.aistorctl.facts.capture.CaptureBundle;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.playbooks.Change;
import dev.aistorctl.playbooks.Step;
import dev.aistorctl.playbooks.StepCheck;
import dev.aistorctl.playbooks.StepContext;
import dev.aistorctl.playbooks.StepParams;
import dev.aistorctl.playbooks.StepPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every data drive the pool's rule selects on a host is an XFS filesystem labelled
 * {@code DriveLabel.of(cluster, index)} with the drive marker in its root.
 *
 * <p>Each format is a destructive change naming the drive by path, serial, model, size and fingerprint.
 * Apply probes the host again (one round trip) and formats nothing on the host when any drive's
 * planned change differs from the re-probed one ("device state changed"): a swapped disk, a new
 * partition or a filesystem made since the plan. With a reviewed plan (the JSON of a dry run), the
 * plan itself must match the reviewed one drive for drive. This cluster's drives are kept as they are;
 * nothing here ever formats a drive that carries a filesystem, except a foreign one named by
 * {@code wipe_foreign}.
 */
public final class XfsDrives implements Step {
    public static final String TYPE = "xfs-drives";
    private static final Pattern FINGERPRINT = Pattern.compile("fingerprint ([0-9a-f]{16})");
    private static final Pattern DEVICE = Pattern.compile("^(?:wipe and )?format (\\S+) ");
    static final Duration FORMAT_TIMEOUT = Duration.ofMinutes(30);

    private final Set<String> wipeForeign;
    private final Map<String, List<Change>> reviewed;

    /**
     * @param wipeForeign serials (WWNs, or paths of devices with neither) whose foreign filesystem may be wiped
     * @param reviewed    by host, the destructive changes the user reviewed; a host absent here is not held to one
     */
    public XfsDrives(Set<String> wipeForeign, Map<String, List<Change>> reviewed) {
        this.wipeForeign = Set.copyOf(wipeForeign);
        this.reviewed = reviewed == null ? null : Map.copyOf(reviewed);
    }

    public static XfsDrives fromParams(StepParams p) {
        p.allowOnly("wipe_foreign");
        return new XfsDrives(p.has("wipe_foreign") ? new TreeSet<>(p.strings("wipe_foreign")) : Set.of(), null);
    }

    /** This step held to the destructive changes of a reviewed plan, by host. */
    public XfsDrives withReviewed(Map<String, List<Change>> byHost) {
        return new XfsDrives(wipeForeign, byHost);
    }

    public XfsDrives withWipeForeign(Set<String> names) {
        return new XfsDrives(names, reviewed);
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
        List<Change> destructive = changes.stream().filter(Change::destructive).toList();
        if (reviewed != null) {
            List<Change> expected = reviewed.getOrDefault(context.host(), List.of());
            if (!expected.equals(destructive)) {
                throw new RemoteException(context.host(), "plan drives", "device state changed since the reviewed plan: "
                        + difference(expected, destructive) + "; nothing is formatted on this host");
            }
        }
        if (changes.isEmpty()) {
            return StepPlan.nothingToDo(TYPE, context.host(), "all " + layout.slots().size()
                    + " data drives are this cluster's XFS drives already: " + String.join(", ", layout.slots().stream()
                            .map(s -> s.drive().path() + " " + s.label()).toList()));
        }
        return StepPlan.changes(TYPE, context.host(), changes);
    }

    /**
     * After apply the reviewed formats are done, so the host is held to its converged state, not to the
     * reviewed plan: re-planning against the reviewed formats would call every formatted drive "changed".
     */
    @Override
    public StepPlan verify(StepContext context) {
        return new XfsDrives(wipeForeign, null).plan(context);
    }

    @Override
    public void apply(StepContext context, StepPlan plan) {
        // The second of the three guards: the drives are probed again, and a host whose drives are not
        // exactly as planned is not touched at all, not even its unchanged drives.
        DriveLayout now = layout(context);
        List<Change> fresh = changes(now);
        if (!fresh.equals(plan.changes())) {
            throw new RemoteException(context.host(), "format drives", "device state changed: "
                    + difference(plan.changes(), fresh) + "; nothing was formatted on this host");
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
            String verb = s.action() == DriveLayout.Action.WIPE_AND_FORMAT ? "wipe and format " : "format ";
            out.add(Change.destructive(verb + s.drive().path() + " as drive " + s.index() + " (" + s.mountPoint() + ")",
                    s.before() + "; " + DriveLayout.describe(s.drive()) + ", fingerprint " + s.drive().fingerprint(),
                    "XFS labelled " + s.label() + " with marker " + dev.aistorctl.storagenode.drives.DriveMarker.FILE_NAME));
        }
        return out;
    }

    /** Per device: what the plan said and what the host says now. */
    static String difference(List<Change> planned, List<Change> now) {
        Map<String, Change> before = byDevice(planned);
        Map<String, Change> after = byDevice(now);
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Change> e : before.entrySet()) {
            Change n = after.get(e.getKey());
            if (n == null) {
                out.add(e.getKey() + " was planned (" + e.getValue().what() + ", " + e.getValue().before()
                        + ") and is no longer");
            } else if (!n.equals(e.getValue())) {
                out.add(e.getKey() + ": planned " + fingerprint(e.getValue()) + ", now " + fingerprint(n)
                        + " (" + n.before() + ")");
            }
        }
        for (Map.Entry<String, Change> e : after.entrySet()) {
            if (!before.containsKey(e.getKey())) {
                out.add(e.getKey() + " would now be formatted but was not planned (" + e.getValue().before() + ")");
            }
        }
        return out.isEmpty() ? "the planned changes differ in order" : String.join("; ", out);
    }

    private static Map<String, Change> byDevice(List<Change> changes) {
        Map<String, Change> out = new LinkedHashMap<>();
        for (Change c : changes) {
            Matcher m = DEVICE.matcher(c.what());
            out.put(m.find() ? m.group(1) : c.what(), c);
        }
        return out;
    }

    private static String fingerprint(Change c) {
        Matcher m = FINGERPRINT.matcher(c.before());
        return m.find() ? "fingerprint " + m.group(1) : c.before();
    }
}
