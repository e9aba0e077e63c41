package dev.aistorctl.playbooks.tune;

import dev.aistorctl.playbooks.StepParams;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Transparent huge pages as the profile says (enabled, defrag, khugepaged max_ptes_none), live in sysfs and
 * at every boot through a tmpfiles.d file (systemd-tmpfiles writes sysfs early, no unit to enable). Where
 * sysfs is read-only (a container) the settings are not applicable here.
 */
public final class TransparentHugePages extends TuningStep {
    public static final String TYPE = "transparent-hugepages";
    static final String DIR = "/sys/kernel/mm/transparent_hugepage/";
    static final String FILE = "/etc/tmpfiles.d/60-aistor-transparent-hugepages.conf";

    private final String profile;
    private final Map<String, String> wanted = new LinkedHashMap<>();

    public TransparentHugePages(String profile, TuningProfile.HugePages pages, boolean revert) {
        super(revert);
        this.profile = profile;
        if (pages != null) {
            if (pages.enabled() != null) {
                wanted.put("enabled", pages.enabled());
            }
            if (pages.defrag() != null) {
                wanted.put("defrag", pages.defrag());
            }
            if (pages.maxPtesNone() != null) {
                wanted.put("khugepaged/max_ptes_none", String.valueOf(pages.maxPtesNone()));
            }
        }
    }

    public static TransparentHugePages fromParams(StepParams params) {
        return fromParams(params, TuneDefaults.STANDARD);
    }

    public static TransparentHugePages fromParams(StepParams params, TuneDefaults defaults) {
        TuneParams.allow(params);
        TuningProfile p = TuneParams.profile(params, defaults);
        return new TransparentHugePages(p.name(), p.hugePages().orElse(null), TuneParams.revert(params, defaults));
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return (revert ? "revert " : "") + "transparent huge pages";
    }

    @Override
    ReadScript read() {
        ReadScript s = new ReadScript();
        wanted.forEach((name, value) -> s.sysfs(name, DIR + name, value));
        return s.file(FILE);
    }

    @Override
    List<Target> targets(ObservedState state) {
        List<Target> out = new ArrayList<>();
        List<Map<String, String>> persisted = new ArrayList<>();
        wanted.forEach((name, want) -> {
            String path = DIR + name;
            String label = "transparent_hugepage/" + name;
            ObservedState.Value v = state.value(name).orElse(
                    new ObservedState.Value(name, path, ObservedState.Access.ABSENT, "", ""));
            String current = selected(v.value());
            if (v.settable() && !v.value().contains("[") || v.settable() && choices(v.value()).contains(want)) {
                out.add(Target.value("sysfs " + path, label, path, current, want));
                persisted.add(Map.of("path", path, "value", want));
            } else {
                out.add(Target.notApplicable("sysfs " + path, label, path, current,
                        v.settable() ? want + " is not offered here (offers: " + String.join(" ", choices(v.value())) + ")" : v.whyNot()));
            }
        });
        String content = persisted.isEmpty() ? null
                : SysctlSetting.TEMPLATES.render("aistor-transparent-hugepages.conf", Map.of("profile", profile, "settings", persisted));
        out.add(Target.file(FILE, state.file(FILE).orElse(null), content));
        return out;
    }

    @Override
    String nothingHere(ObservedState state, List<Target> targets) {
        return wanted.isEmpty() ? "the profile sets no transparent huge page settings" : null;
    }

    /** The words of a multiple-choice sysfs file, without the brackets around the selected one. */
    static List<String> choices(String value) {
        return List.of(value.replace("[", "").replace("]", "").trim().split("\\s+"));
    }
}
