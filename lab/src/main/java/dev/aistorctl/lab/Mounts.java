package dev.aistorctl.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Mounts of this mount namespace that lie under a directory, deepest first, so they can be unmounted in order. */
final class Mounts {
    private Mounts() {
    }

    static List<String> under(Path dir) {
        String prefix = dir.toAbsolutePath().normalize() + "/";
        List<String> found = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String mountPoint = unescape(line.split(" ")[4]);
                if (mountPoint.startsWith(prefix)) {
                    found.add(mountPoint);
                }
            }
        } catch (IOException e) {
            throw new LabException("cannot read /proc/self/mountinfo: " + e.getMessage(), e);
        }
        found.sort(Comparator.comparingInt(String::length).reversed());
        return found;
    }

    /** mountinfo escapes space, tab, newline and backslash as octal. */
    static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() + 0 && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                sb.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
