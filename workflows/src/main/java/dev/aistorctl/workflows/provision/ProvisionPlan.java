package dev.aistorctl.workflows.provision;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.aistorctl.inventory.Flavour;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.playbooks.Change;
import dev.aistorctl.playbooks.HostResult;
import dev.aistorctl.playbooks.RunPlan;
import dev.aistorctl.playbooks.RunResult;
import dev.aistorctl.playbooks.StepResult;
import dev.aistorctl.playbooks.StepStatus;
import dev.aistorctl.playbooks.drives.XfsDrives;
import dev.aistorctl.storagenode.drives.DriveCandidate;
import dev.aistorctl.storagenode.drives.DrivesReport;
import dev.aistorctl.storagenode.drives.HostDrives;
import dev.aistorctl.storagenode.minio.MinioEnvironment;
import dev.aistorctl.storagenode.minio.MinioPaths;
import dev.aistorctl.workflows.run.PlanText;
import dev.aistorctl.core.text.ByteSize;

/** The plan stages of every stage, shown per host with what destroys data first, and counted. */
public final class ProvisionPlan {
    private final DrivesReport drives;
    private final RunResult drivesPlan;
    private final RunResult tunePlan;
    private final List<RunResult> nodePlans;
    /** The node's environment lines a person must read before the cluster starts (MINIO_VOLUMES, MINIO_OPTS); none for s3proxy. */
    private final List<String> nodeLayout;

    ProvisionPlan(DrivesReport drives, RunResult drivesPlan, RunResult tunePlan, List<RunResult> nodePlans) {
        this(drives, drivesPlan, tunePlan, nodePlans, List.of());
    }

    ProvisionPlan(DrivesReport drives, RunResult drivesPlan, RunResult tunePlan, List<RunResult> nodePlans, Inventory inventory) {
        this(drives, drivesPlan, tunePlan, nodePlans,
                inventory.node().flavour() == Flavour.MINIO ? MinioEnvironment.of(inventory).layoutLines() : List.of());
    }

    private ProvisionPlan(DrivesReport drives, RunResult drivesPlan, RunResult tunePlan, List<RunResult> nodePlans, List<String> nodeLayout) {
        this.drives = drives;
        this.drivesPlan = drivesPlan;
        this.tunePlan = tunePlan;
        this.nodePlans = nodePlans;
        this.nodeLayout = List.copyOf(nodeLayout);
    }

    /** The plan stage of the drives playbook. */
    public RunResult drives() {
        return drivesPlan;
    }

    /** The plan stage of the tune playbook. */
    public RunResult tune() {
        return tunePlan;
    }

    /** The plan stages of node-install and node-start on the whole cluster; none under --limit. */
    public List<RunResult> node() {
        return List.copyOf(nodePlans);
    }

    /** The engine's plans of every stage, which one go-ahead covers. */
    public List<RunPlan> plans() {
        return allRuns().stream().map(RunPlan::of).toList();
    }

    /** Drives to be formatted. */
    public int formats() {
        return (int) changes(drivesPlan, null).stream().filter(Change::destructive).count();
    }

    /** Every planned change, formats included. */
    public int changes() {
        int n = changes(drivesPlan) + changes(tunePlan);
        for (RunResult r : nodePlans) {
            n += changes(r);
        }
        return n;
    }

    public int changes(RunResult run) {
        return changes(run, null).size();
    }

    /**
     * Hosts whose planning failed. The node's plan on a host whose drives are still to be prepared may
     * fail for want of them; that is only known after the drives, and pre-flight checks it then.
     */
    public List<String> failedHosts() {
        Set<String> out = new LinkedHashSet<>();
        for (RunResult r : List.of(drivesPlan, tunePlan)) {
            r.hosts().stream().filter(HostResult::failed).forEach(h -> out.add(h.host()));
        }
        for (RunResult r : nodePlans) {
            r.hosts().stream().filter(h -> h.failed() && changes(drivesPlan, h.host()).isEmpty()).forEach(h -> out.add(h.host()));
        }
        return List.copyOf(out);
    }

    /**
     * The plan as the operator reviews it: with {@code everyChange}, host by host with every change; otherwise
     * the drives to format as a table and every other change once for all the hosts it is identical on.
     */
    public String text(boolean everyChange) {
        List<String> lines = new ArrayList<>();
        List<PlanText.Line> grouped = new ArrayList<>();
        int destructive = 0;
        int other = 0;
        Set<String> changing = new LinkedHashSet<>();
        Set<String> unplanned = new LinkedHashSet<>();
        for (HostResult h : drivesPlan.hosts()) {
            List<String> first = new ArrayList<>();
            List<String> rest = new ArrayList<>();
            List<PlanText.Line> hostLines = new ArrayList<>();
            for (Change c : changes(drivesPlan, h.host())) {
                hostLines.add(PlanText.Line.of(h.host(), "drives", c));
                if (c.destructive()) {
                    first.add("    DESTRUCTIVE " + drive(h.host(), c));
                } else {
                    rest.add("    drives: " + line(c));
                    rest.addAll(PlanText.diff(c, "        "));
                }
            }
            for (Change c : changes(tunePlan, h.host())) {
                hostLines.add(PlanText.Line.of(h.host(), "tune", c));
                rest.add("    tune: " + line(c));
                rest.addAll(PlanText.diff(c, "        "));
            }
            // The node's plan needs mounted drives; where the drives are still to change it is known only after them.
            boolean drivesPending = !changes(drivesPlan, h.host()).isEmpty();
            for (RunResult r : nodePlans) {
                Optional<HostResult> nh = r.hosts().stream().filter(x -> x.host().equals(h.host())).findFirst();
                if (nh.isPresent() && nh.get().failed() && drivesPending) {
                    String note = "planned once the drives are mounted (it needs their mount points)";
                    hostLines.add(PlanText.Line.note(h.host(), r.playbook(), note));
                    rest.add("    " + r.playbook() + ": " + note);
                    // Its diff comes only then; what the cluster is started with is known now, and read now.
                    if (r.playbook().equals("node-install")) {
                        for (String line : nodeLayout) {
                            String holds = MinioPaths.ENV_FILE + " will hold " + line;
                            hostLines.add(PlanText.Line.note(h.host(), r.playbook(), holds));
                            rest.add("    " + r.playbook() + ": " + holds);
                        }
                    }
                    continue;
                }
                for (Change c : changes(r, h.host())) {
                    hostLines.add(PlanText.Line.of(h.host(), r.playbook(), c));
                    rest.add("    " + r.playbook() + ": " + line(c));
                    rest.addAll(PlanText.diff(c, "        "));
                }
            }
            for (RunResult r : allRuns()) {
                r.hosts().stream().filter(x -> x.host().equals(h.host()) && x.failed()).findFirst()
                        .filter(x -> !(nodePlans.contains(r) && drivesPending))
                        .ifPresent(x -> {
                            unplanned.add(h.host());
                            String note = planningFailed(r, x);
                            hostLines.add(PlanText.Line.note(h.host(), r.playbook(), note));
                            rest.add("    " + r.playbook() + ": " + note);
                        });
            }
            destructive += first.size();
            int hostOther = (int) hostLines.stream().filter(l -> l.change() != null && !l.change().destructive()).count();
            other += hostOther;
            // What the plan leaves alone but the engineer should know of (an eligible drive left over), changes or not.
            List<String> warnings = warnings(drivesPlan, h.host());
            warnings.forEach(w -> grouped.add(PlanText.Line.note(h.host(), "drives", "WARN " + w)));
            if (first.isEmpty() && rest.isEmpty()) {
                lines.add(h.host() + ": no change");
                for (String w : warnings) {
                    lines.add("    drives: WARN " + w);
                }
                grouped.add(PlanText.Line.note(h.host(), null, "no change"));
                continue;
            }
            warnings.forEach(w -> rest.add("    drives: WARN " + w));
            grouped.addAll(hostLines);
            changing.add(h.host());
            lines.add(h.host() + ": " + first.size() + " drive" + (first.size() == 1 ? "" : "s") + " to format, "
                    + hostOther + " other change" + (hostOther == 1 ? "" : "s"));
            lines.addAll(first);
            lines.addAll(rest);
        }
        if (!everyChange) {
            lines = new ArrayList<>(PlanText.render(grouped, ""));
        }
        lines.add("");
        int hosts = drivesPlan.hosts().size();
        if (destructive + other == 0 && unplanned.isEmpty()) {
            lines.add("Plan: 0 changes on " + hosts + " hosts: the cluster is already provisioned.");
        } else {
            lines.add("Plan: " + destructive + " drive" + (destructive == 1 ? "" : "s") + " to format (DESTRUCTIVE), " + other
                    + " other change" + (other == 1 ? "" : "s") + ", on " + changing.size() + " of " + hosts + " hosts."
                    + (unplanned.isEmpty() ? "" : " Planning did not finish on " + unplanned.size() + " of " + hosts
                    + " hosts: their changes are not known."));
        }
        return String.join("\n", lines);
    }

    /** A drive to be formatted, named by serial, model and size from the facts, and where it will be mounted. */
    private String drive(String host, Change c) {
        String device = c.key().kind().equals(XfsDrives.KEY_KIND) ? c.key().subject() : null;
        Optional<DriveCandidate> candidate = drives.hosts().stream().filter(h -> h.host().equals(host)).findFirst()
                .map(HostDrives::devices).orElse(List.of()).stream()
                .filter(d -> d.drive().path() != null && d.drive().path().equals(device)).findFirst();
        if (candidate.isEmpty()) {
            return c.what() + ": " + c.before() + " -> " + c.after();
        }
        DriveCandidate d = candidate.get();
        String state = c.key().attributes().get(XfsDrives.STATE);
        return c.key().attributes().get(XfsDrives.ACTION) + " " + d.drive().path()
                + " (serial " + orDash(d.drive().serial()) + ", model " + orDash(d.drive().model()) + ", "
                + (d.drive().sizeBytes() == null ? "size unknown" : ByteSize.binary(d.drive().sizeBytes())) + ", now " + state
                + ") -> XFS at " + (d.mountPoint() == null ? "?" : d.mountPoint());
    }

    /** The warnings of {@code run}'s plan on {@code host}, in step order. */
    static List<String> warnings(RunResult run, String host) {
        return run.hosts().stream().filter(h -> h.host().equals(host)).flatMap(h -> h.steps().stream())
                .filter(s -> s.plan() != null).flatMap(s -> s.plan().warnings().stream()).toList();
    }

    /** Every warning of the drives' plan, each prefixed with its host. */
    List<String> driveWarnings() {
        List<String> out = new ArrayList<>();
        drivesPlan.hosts().forEach(h -> warnings(drivesPlan, h.host()).forEach(w -> out.add(h.host() + ": " + w)));
        return out;
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? "-" : s;
    }

    private List<RunResult> allRuns() {
        List<RunResult> out = new ArrayList<>(List.of(drivesPlan, tunePlan));
        out.addAll(nodePlans);
        return out;
    }

    private static String line(Change c) {
        return c.what() + ": " + c.before() + " -> " + c.after();
    }

    /** Why a host has no plan from this run: the engineer's Ctrl-C is no failure of the host's. */
    private static String planningFailed(RunResult run, HostResult host) {
        if (run.interrupted() != null) {
            return "planning interrupted (" + run.interrupted().signal() + ")";
        }
        return "PLANNING FAILED: " + error(host);
    }

    private static String error(HostResult h) {
        if (h.error() != null) {
            return h.error();
        }
        return h.steps().stream().filter(s -> s.status() == StepStatus.FAILED).map(s -> s.name() + ": " + s.reason())
                .findFirst().orElse("failed");
    }

    /** The changes a run planned (or made), of one host or, with {@code host} null, of every host. */
    static List<Change> changes(RunResult run, String host) {
        List<Change> out = new ArrayList<>();
        for (HostResult h : run.hosts()) {
            if (host != null && !h.host().equals(host)) {
                continue;
            }
            for (StepResult s : h.steps()) {
                if (s.plan() != null && !s.plan().isEmpty() && s.status() != StepStatus.OK) {
                    out.addAll(s.plan().changes());
                }
            }
        }
        return out;
    }

    /** One host's cell of the summary: what the run did there. */
    static String cell(RunResult run, HostResult h) {
        if (h.failed()) {
            return "FAILED";
        }
        if (h.skipped()) {
            return "skipped";
        }
        int n = changes(run, h.host()).size();
        if (n == 0) {
            return "ok";
        }
        return (run.dryRun() ? "would change " : "changed ") + n;
    }
}
