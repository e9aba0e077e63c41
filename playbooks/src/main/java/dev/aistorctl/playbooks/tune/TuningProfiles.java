package dev.aistorctl.playbooks.tune;

import dev.aistorctl.core.InvalidConfigException;
import dev.aistorctl.core.config.YamlReader;
import dev.aistorctl.templates.Templates;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Reads tuning profiles: the built-ins shipped as {@code tuning/<name>.yaml} on the classpath, or a file
 * given by path (anything with a slash or ending in .yaml/.yml). Values are checked here, before any host is
 * touched, so a typo in a site's profile fails the run at once and names the profile, the line and the column.
 * Files are read by the shared {@link YamlReader}: its size, encoding and alias limits, duplicate keys refused.
 */
public final class TuningProfiles {
    public static final int VERSION = 1;
    public static final String DEFAULT = "aistor-performance";

    private static final YamlReader YAML = YamlReader.of("tuning profile");
    /* Kernel parameter names: dotted words. Anything else could not be a /proc/sys path of ours. */
    private static final Pattern SYSCTL_KEY = Pattern.compile("[a-z0-9_]+(\\.[a-zA-Z0-9_-]+)+");
    /* Values written to /proc/sys and sysfs: numbers and words separated by single spaces. */
    private static final Pattern SYSCTL_VALUE = Pattern.compile("[A-Za-z0-9_+.:-]+( [A-Za-z0-9_+.:-]+)*");
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
                return new TuningProfileReader(YAML.read(path)).read();
            } catch (NoSuchFileException e) {
                throw new InvalidConfigException("cannot read tuning profile " + path + ": " + e.getMessage(), e);
            }
        }
        try (InputStream in = TuningProfiles.class.getClassLoader().getResourceAsStream("tuning/" + nameOrPath + ".yaml")) {
            if (in == null) {
                throw new InvalidConfigException("no built-in tuning profile '" + nameOrPath + "'; built-in: " + DEFAULT
                        + " (or give a path to a .yaml file)");
            }
            return new TuningProfileReader(YAML.parse("builtin:" + nameOrPath, in.readAllBytes())).read();
        } catch (IOException e) {
            throw new InvalidConfigException("cannot read built-in tuning profile " + nameOrPath + ": " + e.getMessage(), e);
        }
    }

    /** Parses profile text; {@code source} names it in every complaint, with line and column. */
    public static TuningProfile parse(String text, String source) {
        return new TuningProfileReader(YAML.parse(source, text)).read();
    }

    /** Why {@code key = value} cannot be a kernel parameter setting, or null when it can. */
    static String sysctlProblem(String key, String value) {
        if (value.chars().anyMatch(c -> c != '\t' && Templates.lineBreaking(c))) {
            return key + ": the value contains a line break or control character";
        }
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
}
