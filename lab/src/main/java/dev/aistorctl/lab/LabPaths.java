package dev.aistorctl.lab;

import java.nio.file.Path;

/**
 * Where labs keep their files: one state directory per lab (keys, inventory, drive images,
 * overlay layers, logs) and one cache of base root filesystems shared by all labs.
 */
public record LabPaths(Path stateRoot, Path cacheRoot) {

    /** {@code ~/.aistorctl/lab} and {@code ~/.cache/aistorctl/lab}. */
    public static LabPaths standard() {
        Path home = Path.of(System.getProperty("user.home"));
        return new LabPaths(home.resolve(".aistorctl/lab"), home.resolve(".cache/aistorctl/lab"));
    }

    public Path stateDir(String lab) {
        return stateRoot.resolve(lab).toAbsolutePath();
    }
}
