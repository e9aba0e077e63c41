package dev.aistorctl.playbooks.tune;

import dev.aistorctl.playbooks.StepParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every CPU runs the profile's frequency scaling governor, live (sysfs) and at every boot (a oneshot
 * systemd unit, enabled for multi-user.target). A host without cpufreq (a VM, a container, scaling off in
 * firmware) has nothing to tune: not applicable, not a failure.
 */
public final class CpuGovernor extends TuningStep {
    public static final String TYPE = "cpu-governor";
    static final String GOVERNORS = "/sys/devices/system/cpu/cpu[0-9]*/cpufreq/scaling_governor";
    static final String AVAILABLE = "/sys/devices/system/cpu/cpu0/cpufreq/scaling_available_governors";
    static final String UNIT = "/etc/systemd/system/aistor-cpu-governor.service";
    static final String WANTS = "/etc/systemd/system/multi-user.target.wants/aistor-cpu-governor.service";
    /** Makes systemd read changed unit files, where systemd runs. */
    static final String RELOAD_SYSTEMD = "if [ -d /run/systemd/system ]; then systemctl daemon-reload; fi";

    private final String profile;
    private final String governor;

    public CpuGovernor(String profile, String governor, boolean revert) {
        super(revert);
        this.profile = profile;
        this.governor = governor;
    }

    public static CpuGovernor fromParams(StepParams params) {
        return fromParams(params, TuneDefaults.STANDARD);
    }

    public static CpuGovernor fromParams(StepParams params, TuneDefaults defaults) {
        TuneParams.allow(params);
        TuningProfile p = TuneParams.profile(params, defaults);
        return new CpuGovernor(p.name(), p.governor().orElse(null), TuneParams.revert(params, defaults));
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return (revert ? "revert " : "") + "cpu governor " + (governor == null ? "(not in profile)" : governor);
    }

    @Override
    ReadScript read() {
        return new ReadScript()
                .sysfsGlob("governor", GOVERNORS, governor == null ? "" : governor)
                .sysfs("available", AVAILABLE, "")
                .file(UNIT)
                .link(WANTS);
    }

    @Override
    List<Target> targets(ObservedState state) {
        List<Target> out = new ArrayList<>();
        String available = state.value("available").map(ObservedState.Value::value).orElse("");
        boolean offered = governor != null && List.of(available.split(" ")).contains(governor);
        for (ObservedState.Value v : state.values("governor")) {
            String cpu = v.path().split("/")[5];
            String id = "sysfs " + v.path();
            Target t;
            if (governor == null) {
                continue;
            } else if (!v.settable()) {
                t = Target.notApplicable(id, cpu + " scaling_governor", v.path(), v.value(), v.whyNot());
            } else if (!offered) {
                t = Target.notApplicable(id, cpu + " scaling_governor", v.path(), v.value(),
                        "governor " + governor + " not offered by the cpufreq driver (offers: " + available + ")");
            } else {
                t = Target.value(id, cpu + " scaling_governor", v.path(), v.value(), governor);
            }
            out.add(t.grouped("scaling_governor of %d CPUs"));
        }
        boolean persist = out.stream().anyMatch(Target::applicable);
        out.add(Target.file(UNIT, state.file(UNIT).orElse(null), persist ? unit(profile, governor) : null));
        out.add(Target.link(WANTS, state.link(WANTS).orElse(null), persist ? UNIT : null));
        return out;
    }

    @Override
    String nothingHere(ObservedState state, List<Target> targets) {
        if (governor == null) {
            return "the profile sets no CPU governor";
        }
        if (state.values("governor").isEmpty()) {
            return "not applicable on this host: no cpufreq (no " + GOVERNORS + "; a VM, a container, or frequency scaling off in firmware)";
        }
        return null;
    }

    @Override
    String afterChanges(List<Target> changed) {
        return changed.stream().anyMatch(t -> t.kind() != Target.Kind.VALUE) ? RELOAD_SYSTEMD : null;
    }

    static String unit(String profile, String governor) {
        return SysctlSetting.TEMPLATES.render("aistor-cpu-governor.service", Map.of("profile", profile, "governor", governor));
    }
}
