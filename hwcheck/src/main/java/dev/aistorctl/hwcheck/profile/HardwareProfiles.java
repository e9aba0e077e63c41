package dev.aistorctl.hwcheck.profile;

import dev.aistorctl.core.InvalidConfigException;
import dev.aistorctl.core.config.Suggestion;
import dev.aistorctl.core.config.YamlDocument;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds and reads hardware profiles. A bare name ("lab") is a profile shipped inside aistorctl;
 * anything else is a path, so a site can copy a built-in profile, change its thresholds and use
 * it without a new release.
 */
public final class HardwareProfiles {
    /** Listed here because a classpath directory cannot be listed reliably from inside a jar. */
    public static final List<String> BUILT_IN = List.of("ampere-altra-m128", "lab", "lab-vm", "lab-vm-arm64");
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+");

    private HardwareProfiles() {
    }

    public static HardwareProfile load(String nameOrPath) {
        if (NAME.matcher(nameOrPath).matches()) {
            return builtIn(nameOrPath);
        }
        return fromFile(Path.of(nameOrPath));
    }

    public static HardwareProfile builtIn(String name) {
        String resource = "profiles/" + name + ".yaml";
        try (InputStream in = HardwareProfiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null || !BUILT_IN.contains(name)) {
                throw new InvalidConfigException("no built-in hardware profile '" + name + "'"
                        + Suggestion.didYouMean(name, BUILT_IN).map(n -> "; " + n).orElse("")
                        + " (built in: " + String.join(", ", BUILT_IN) + "; or give the path of a profile file)");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource + " (built in)", name);
        } catch (IOException e) {
            throw new InvalidConfigException("built-in hardware profile '" + name + "' cannot be read: " + e.getMessage(), e);
        }
    }

    public static HardwareProfile fromFile(Path path) {
        YamlDocument document;
        try {
            document = ProfileParser.YAML.read(path);
        } catch (NoSuchFileException e) {
            throw new InvalidConfigException(path + ": hardware profile file not found");
        }
        String fileName = path.getFileName().toString();
        return ProfileParser.parse(document, fileName.replaceFirst("\\.ya?ml$", ""));
    }

    /** Reads profile text; {@code source} names it in error messages. */
    public static HardwareProfile parse(String yaml, String source, String defaultName) {
        return ProfileParser.parse(yaml, source, defaultName);
    }
}
