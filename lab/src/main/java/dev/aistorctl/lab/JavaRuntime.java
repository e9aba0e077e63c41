package dev.aistorctl.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The controller's Java runtime, bound read-only into every host at the same path instead of
 * installing one per host. Debian's JDK links its configuration and CA store to /etc, so the
 * directories those links point into are bound too, or the runtime would start without them.
 */
final class JavaRuntime {
    private JavaRuntime() {
    }

    static Path home() {
        return Path.of(System.getProperty("java.home")).toAbsolutePath();
    }

    static List<Path> bindDirs(Path home) {
        Path real;
        try {
            real = home.toRealPath();
        } catch (IOException e) {
            throw new LabException("lab: java.home " + home + " is not readable: " + e.getMessage(), e);
        }
        TreeSet<String> dirs = new TreeSet<>();
        try (Stream<Path> s = Files.walk(real)) {
            for (Path link : s.filter(Files::isSymbolicLink).toList()) {
                Path target = Files.readSymbolicLink(link);
                if (!target.isAbsolute()) {
                    continue;
                }
                Path parent = target.getParent();
                if (parent != null && !parent.startsWith(real) && Files.isDirectory(parent)) {
                    dirs.add(parent.toRealPath().toString());
                }
            }
        } catch (IOException e) {
            throw new LabException("lab: cannot read java.home " + real + ": " + e.getMessage(), e);
        }
        List<Path> result = new ArrayList<>(List.of(real));
        String last = null;
        for (String d : dirs) {
            if (last == null || !d.startsWith(last + "/")) {
                result.add(Path.of(d));
                last = d;
            }
        }
        return result;
    }
}
