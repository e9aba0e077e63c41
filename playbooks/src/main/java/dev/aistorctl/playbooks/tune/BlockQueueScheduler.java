package dev.aistorctl.playbooks.tune;

import dev.aistorctl.playbooks.StepParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * NVMe namespaces use the profile's I/O scheduler (none: the drive queues), live in sysfs and for every
 * add or change event through a udev rule. A host without NVMe has nothing to do, and gets no rule.
 */
public final class BlockQueueScheduler extends TuningStep {
    public static final String TYPE = "nvme-scheduler";
    static final String SCHEDULERS = "/sys/block/nvme[0-9]*n[0-9]*/queue/scheduler";
    static final String RULE = "/etc/udev/rules.d/60-aistor-nvme.rules";
    static final String RELOAD_UDEV = "if command -v udevadm >/dev/null 2>&1; then udevadm control --reload || true; fi";

    private final String profile;
    private final String scheduler;

    public BlockQueueScheduler(String profile, String scheduler, boolean revert) {
        super(revert);
        this.profile = profile;
        this.scheduler = scheduler;
    }

    public static BlockQueueScheduler fromParams(StepParams params) {
        return fromParams(params, TuneDefaults.STANDARD);
    }

    public static BlockQueueScheduler fromParams(StepParams params, TuneDefaults defaults) {
        TuneParams.allow(params);
        TuningProfile p = TuneParams.profile(params, defaults);
        return new BlockQueueScheduler(p.name(), p.nvmeScheduler().orElse(null), TuneParams.revert(params, defaults));
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return (revert ? "revert " : "") + "nvme scheduler " + (scheduler == null ? "(not in profile)" : scheduler);
    }

    @Override
    ReadScript read() {
        return new ReadScript().sysfsGlob("scheduler", SCHEDULERS, scheduler == null ? "" : scheduler).file(RULE);
    }

    @Override
    List<Target> targets(ObservedState state) {
        List<Target> out = new ArrayList<>();
        for (ObservedState.Value v : state.values("scheduler")) {
            String device = v.path().split("/")[3];
            // nvme0c0n1 and the like are the hidden paths of a multipath namespace; the namespace is what counts.
            if (scheduler == null || !device.matches("nvme\\d+n\\d+")) {
                continue;
            }
            String id = "sysfs " + v.path();
            String label = device + " scheduler";
            Target t = !v.settable() ? Target.notApplicable(id, label, v.path(), selected(v.value()), v.whyNot())
                    : !TransparentHugePages.choices(v.value()).contains(scheduler)
                    ? Target.notApplicable(id, label, v.path(), selected(v.value()), scheduler + " not offered (offers: " + v.value() + ")")
                    : Target.value(id, label, v.path(), selected(v.value()), scheduler);
            out.add(t.grouped("I/O scheduler of %d NVMe namespaces"));
        }
        boolean persist = !out.isEmpty();
        String rule = persist ? SysctlSetting.TEMPLATES.render("aistor-nvme.rules", Map.of("profile", profile, "scheduler", scheduler)) : null;
        out.add(Target.file(RULE, state.file(RULE).orElse(null), rule));
        return out;
    }

    @Override
    String nothingHere(ObservedState state, List<Target> targets) {
        if (scheduler == null) {
            return "the profile sets no NVMe scheduler";
        }
        return targets.size() == 1 ? "no NVMe drives on this host" : null;
    }

    @Override
    String afterChanges(List<Target> changed) {
        return changed.stream().anyMatch(t -> t.kind() == Target.Kind.FILE) ? RELOAD_UDEV : null;
    }
}
