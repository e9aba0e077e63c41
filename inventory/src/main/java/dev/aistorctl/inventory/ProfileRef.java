package dev.aistorctl.inventory;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A hardware or tuning profile named either by a built-in name ({@code ampere-altra-m128}) or by
 * a path to a site's own YAML file. Text with a {@code /} or ending in {@code .yaml}/{@code .yml}
 * is a path, resolved against the inventory's directory; anything else is a built-in name, looked
 * up by the module that owns the profiles.
 */
public record ProfileRef(String builtInName, Path path) {
    public ProfileRef {
        if ((builtInName == null) == (path == null)) {
            throw new IllegalArgumentException("a profile is named by exactly one of a built-in name or a path");
        }
    }

    public static boolean looksLikePath(String text) {
        return text.contains("/") || text.endsWith(".yaml") || text.endsWith(".yml") || text.startsWith("~");
    }

    public Optional<String> builtIn() {
        return Optional.ofNullable(builtInName);
    }

    public Optional<Path> file() {
        return Optional.ofNullable(path);
    }

    @Override
    public String toString() {
        return builtInName != null ? builtInName : path.toString();
    }
}
