package dev.aistorctl.playbooks.tune;

import dev.aistorctl.core.InvalidConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads tuning profiles: the built-ins shipped as {@code tuning/<name>.yaml} on the classpath, or a file
 * given by path (anything with a slash or ending in .yaml/.yml). Values are checked here, before any host is
 * touched, so a typo in a site's profile fails the run at once and names the profile and the key.
 */
public final class TuningProfiles {
    public static final int VERSION = 1;
    public static final String DEFAULT = "aistor-performance";

    private static final Set<String> TOP = Set.of("version", "name", "description", "cpu", "transparent_hugepages",
            "sysctl", "block", "limits", "nic");
    /* Kernel parameter names: dotted words. Anything else could not be a /proc/sys path of ours. */
    private static final Pattern SYSCTL_KEY = Pattern.compile("[a-z0-9_]+(\\.[a-zA-Z0-9_-]+)+");
    /* Values written to /proc/sys and sysfs: numbers and words separated by single spaces. */
    private static final Pattern SYSCTL_VALUE = Pattern.compile("[A-Za-z0-9_+.:-]+( [A-Za-z0-9_+.:-]+)*");
    private static final Pattern WORD = Pattern.compile("[a-z0-9_+-]+");
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
    private static final Map<String, TuningProfile> CACHE = new ConcurrentHashMap<>();

    private TuningProfiles() {
    }

    /** A built-in name or a path; loaded once per process. */
    public static TuningProfile resolve(String nameOrPath) {
        return CACHE.computeIfAbsent(nameOrPath, TuningProfiles::load);
    }

    private static TuningProfile load(String nameOrPath) {
        if (nameOrPath.contains("/") || nameOrPath.endsWith(".yaml") || nameOrPath.endsWith(".yml")) {
            Path path = Path.of(nameOrPath);
            try {
                return parse(Files.readString(path, StandardCharsets.UTF_8), path.toString());
            } catch (IOException e) {
                throw new InvalidConfigException("cannot read tuning profile " + path + ": " + e.getMessage(), e);
            }
        }
        try (InputStream in = TuningProfiles.class.getClassLoader().getResourceAsStream("tuning/" + nameOrPath + ".yaml")) {
            if (in == null) {
                throw new InvalidConfigException("no built-in tuning profile '" + nameOrPath + "'; built-in: " + DEFAULT
                        + " (or give a path to a .yaml file)");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "builtin:" + nameOrPath);
        } catch (IOException e) {
            throw new InvalidConfigException("cannot read built-in tuning profile " + nameOrPath + ": " + e.getMessage(), e);
        }
    }

    /** Parses profile text; {@code source} names it in every complaint. */
    public static TuningProfile parse(String text, String source) {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (YAMLException e) {
            throw new InvalidConfigException(source + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        Map<String, Object> top = map(source, root, "the profile");
        for (String key : top.keySet()) {
            if (!TOP.contains(key)) {
                throw new InvalidConfigException(source + ": unknown key '" + key + "'; known keys: " + String.join(", ", new java.util.TreeSet<>(TOP)));
            }
        }
        Object version = top.get("version");
        if (version == null || !String.valueOf(VERSION).equals(String.valueOf(version))) {
            throw new InvalidConfigException(source + ": 'version: " + VERSION + "' is required"
                    + (version == null ? "" : ", not " + version));
        }
        String name = text(source, top.get("name"), "name");
        String description = top.containsKey("description") ? text(source, top.get("description"), "description") : "";

        Map<String, Object> cpu = section(source, top, "cpu", Set.of("governor"));
        Optional<String> governor = optionalWord(source, cpu, "cpu.governor", "governor");

        Map<String, Object> thp = section(source, top, "transparent_hugepages", Set.of("enabled", "defrag", "khugepaged_max_ptes_none"));
        Optional<TuningProfile.HugePages> hugePages = thp.isEmpty() ? Optional.empty() : Optional.of(new TuningProfile.HugePages(
                optionalWord(source, thp, "transparent_hugepages.enabled", "enabled").orElse(null),
                optionalWord(source, thp, "transparent_hugepages.defrag", "defrag").orElse(null),
                thp.containsKey("khugepaged_max_ptes_none")
                        ? (int) number(source, thp.get("khugepaged_max_ptes_none"), "transparent_hugepages.khugepaged_max_ptes_none", 0, 511)
                        : null));

        Map<String, String> sysctl = new LinkedHashMap<>();
        if (top.get("sysctl") != null) {
            for (Map.Entry<String, Object> e : map(source, top.get("sysctl"), "sysctl").entrySet()) {
                String key = e.getKey();
                String value = e.getValue() == null ? "" : normalise(String.valueOf(e.getValue()));
                String problem = sysctlProblem(key, value);
                if (problem != null) {
                    throw new InvalidConfigException(source + ": sysctl: " + problem);
                }
                sysctl.put(key, value);
            }
        }

        Map<String, Object> block = section(source, top, "block", Set.of("nvme_scheduler"));
        Optional<String> scheduler = optionalWord(source, block, "block.nvme_scheduler", "nvme_scheduler");

        Map<String, Object> limits = section(source, top, "limits", Set.of("user", "nofile"));
        Optional<String> user = Optional.empty();
        Optional<Long> nofile = Optional.empty();
        if (!limits.isEmpty()) {
            String u = text(source, limits.get("user"), "limits.user");
            if (!USER.matcher(u).matches()) {
                throw new InvalidConfigException(source + ": limits.user: '" + u + "' is not a user name");
            }
            user = Optional.of(u);
            nofile = Optional.of(number(source, limits.get("nofile"), "limits.nofile", 1024, 1L << 30));
        }

        Map<String, Object> nic = section(source, top, "nic", Set.of("mtu"));
        Optional<Integer> mtu = nic.containsKey("mtu")
                ? Optional.of((int) number(source, nic.get("mtu"), "nic.mtu", 576, 65535)) : Optional.empty();

        return new TuningProfile(name, description, source, governor, hugePages, sysctl, scheduler, user, nofile, mtu);
    }

    /** Why {@code key = value} cannot be a kernel parameter setting, or null when it can. */
    static String sysctlProblem(String key, String value) {
        if (!SYSCTL_KEY.matcher(key).matches()) {
            return "'" + key + "' is not a kernel parameter name";
        }
        if (!SYSCTL_VALUE.matcher(normalise(value)).matches()) {
            return key + ": '" + value + "' is not a value a kernel parameter takes (numbers or words separated by spaces)";
        }
        return null;
    }

    /** Whitespace-normalised, as the kernel's values are compared: tcp_rmem prints tabs, profiles spaces. */
    public static String normalise(String value) {
        return value.strip().replaceAll("\\s+", " ");
    }

    private static Map<String, Object> section(String source, Map<String, Object> top, String name, Set<String> keys) {
        if (top.get(name) == null) {
            return Map.of();
        }
        Map<String, Object> m = map(source, top.get(name), name);
        for (String k : m.keySet()) {
            if (!keys.contains(k)) {
                throw new InvalidConfigException(source + ": " + name + ": unknown key '" + k + "'; known keys: "
                        + String.join(", ", new java.util.TreeSet<>(keys)));
            }
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(String source, Object value, String what) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new InvalidConfigException(source + ": " + what + " must be a mapping");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<Object, Object>) m).forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    private static String text(String source, Object value, String what) {
        if (value == null || value instanceof Map<?, ?> || value instanceof List<?>) {
            throw new InvalidConfigException(source + ": '" + what + "' must be a single value");
        }
        return String.valueOf(value).strip();
    }

    private static Optional<String> optionalWord(String source, Map<String, Object> section, String what, String key) {
        if (!section.containsKey(key)) {
            return Optional.empty();
        }
        String w = text(source, section.get(key), what);
        if (!WORD.matcher(w).matches()) {
            throw new InvalidConfigException(source + ": " + what + ": '" + w + "' is not a kernel setting word");
        }
        return Optional.of(w);
    }

    private static long number(String source, Object value, String what, long min, long max) {
        String t = text(source, value, what);
        try {
            long n = Long.parseLong(t.replace("_", ""));
            if (n < min || n > max) {
                throw new InvalidConfigException(source + ": " + what + ": " + n + " is outside " + min + ".." + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(source + ": " + what + ": '" + t + "' is not a whole number");
        }
    }
}
