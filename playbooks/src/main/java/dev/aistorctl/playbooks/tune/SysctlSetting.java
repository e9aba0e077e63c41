package dev.aistorctl.playbooks.tune;

import dev.aistorctl.playbooks.StepParams;
import dev.aistorctl.templates.Templates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kernel parameters hold the profile's values, live and persisted in a sysctl.d file (applied at boot by
 * systemd-sysctl). A key the kernel lacks or refuses here (global keys in a container: EROFS, EPERM,
 * EINVAL) is "not applicable on this host" and left out of that host's file, so boot logs no errors; a
 * later run on another kernel adds it. Values compare whitespace-normalised (tcp_rmem prints tabs).
 */
public final class SysctlSetting extends TuningStep {
    public static final String TYPE = "sysctl";
    public static final String FILE = "/etc/sysctl.d/60-aistor.conf";
    /**
     * Modules loaded at boot by systemd-modules-load, which systemd-sysctl runs after. Keys of a module
     * exist only once it is loaded, and XFS is loaded only when the first XFS filesystem is mounted, after
     * systemd-sysctl has run: without this file fs.xfs.* in the sysctl file is skipped at every boot.
     */
    public static final String MODULES_FILE = "/etc/modules-load.d/60-aistor.conf";
    /** The module that provides a key, by the key's prefix. */
    private static final Map<String, String> MODULES = Map.of("fs.xfs.", "xfs", "net.netfilter.nf_conntrack_", "nf_conntrack");
    /** Every tuning file is line-based: a value with a line break would write a line of its own. */
    static final Templates TEMPLATES = Templates.singleLineValues();

    private final String profile;
    private final Map<String, String> values;
    private final String file;

    public SysctlSetting(String profile, Map<String, String> values, String file, boolean revert) {
        super(revert);
        this.profile = profile;
        this.values = new LinkedHashMap<>(values);
        this.file = file;
    }

    public static SysctlSetting fromParams(StepParams params) {
        return fromParams(params, TuneDefaults.STANDARD);
    }

    public static SysctlSetting fromParams(StepParams params, TuneDefaults defaults) {
        TuneParams.allow(params, "values", "file");
        TuningProfile p = TuneParams.profile(params, defaults);
        Map<String, String> values = new LinkedHashMap<>();
        if (params.has("values")) {
            for (Map.Entry<String, String> e : params.stringMap("values").entrySet()) {
                String problem = TuningProfiles.sysctlProblem(e.getKey(), e.getValue());
                if (problem != null) {
                    throw params.fail("values", problem);
                }
                values.put(e.getKey(), TuningProfiles.normalise(e.getValue()));
            }
        } else {
            values.putAll(p.sysctl());
        }
        String file = params.string("file", FILE);
        if (!file.startsWith("/etc/sysctl.d/") || !file.endsWith(".conf") || file.contains("..")) {
            throw params.fail("file", "must be a .conf file in /etc/sysctl.d, not '" + file + "'");
        }
        return new SysctlSetting(p.name(), values, file, TuneParams.revert(params, defaults));
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return (revert ? "revert " : "") + "sysctl (" + values.size() + " keys, " + file + ")";
    }

    @Override
    ReadScript read() {
        ReadScript s = new ReadScript();
        // A module's keys exist only while it is loaded, and XFS is loaded by the first XFS mount: a provision
        // plans tune before drives formats them, and would find the key absent at plan time and present at
        // apply time. Loading it here (as boot will, from MODULES_FILE) makes both reads see the same kernel.
        for (String module : modulesFor(values.keySet())) {
            s.raw("modprobe -q " + module + " 2>/dev/null || true");
        }
        values.forEach(s::sysctl);
        return s.file(file).file(MODULES_FILE);
    }

    @Override
    List<Target> targets(ObservedState state) {
        List<Target> out = new ArrayList<>();
        Map<String, String> persisted = new LinkedHashMap<>();
        values.forEach((key, want) -> {
            String id = "sysctl " + key;
            ObservedState.Value v = state.value(id).orElse(
                    new ObservedState.Value(id, SysctlPaths.path(key), ObservedState.Access.ABSENT, "", ""));
            if (v.settable()) {
                out.add(Target.value(id, id, v.path(), v.value(), want));
                persisted.put(key, want);
            } else {
                out.add(Target.notApplicable(id, id, v.path(), v.value(), v.whyNot()));
            }
        });
        out.add(Target.file(file, state.file(file).orElse(null), persisted.isEmpty() ? null : render(profile, persisted)));
        java.util.Set<String> modules = modulesFor(persisted.keySet());
        out.add(Target.file(MODULES_FILE, state.file(MODULES_FILE).orElse(null), modules.isEmpty() ? null : modules(profile, modules)));
        return out;
    }

    @Override
    String nothingHere(ObservedState state, List<Target> targets) {
        return values.isEmpty() ? "the profile sets no kernel parameters" : null;
    }

    /** The modules that provide some of {@code keys}, sorted. */
    static java.util.Set<String> modulesFor(java.util.Collection<String> keys) {
        java.util.Set<String> modules = new java.util.TreeSet<>();
        keys.forEach(k -> MODULES.forEach((prefix, module) -> {
            if (k.startsWith(prefix)) {
                modules.add(module);
            }
        }));
        return modules;
    }

    static String modules(String profile, java.util.Set<String> modules) {
        return "# Kernel modules of tuning profile " + profile + ", written by aistorctl tune: loaded at boot before\n"
                + "# systemd-sysctl applies " + FILE + ", whose keys they provide.\n" + String.join("\n", modules) + "\n";
    }

    static String render(String profile, Map<String, String> settings) {
        List<Map<String, String>> rows = new ArrayList<>();
        settings.forEach((k, v) -> rows.add(Map.of("key", k, "value", v)));
        return TEMPLATES.render("aistor-sysctl.conf", Map.of("profile", profile, "settings", rows));
    }
}
