package dev.aistorctl.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The Debian mirror apt on this controller already uses: sites often allow only their own mirror. */
final class AptMirror {
    private AptMirror() {
    }

    static String debianMirror(String suite) {
        List<Path> files = new ArrayList<>();
        files.add(Path.of("/etc/apt/sources.list"));
        try (Stream<Path> s = Files.isDirectory(Path.of("/etc/apt/sources.list.d"))
                ? Files.list(Path.of("/etc/apt/sources.list.d")) : Stream.empty()) {
            s.filter(p -> p.toString().endsWith(".list") || p.toString().endsWith(".sources")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new LabException("lab: cannot list /etc/apt/sources.list.d: " + e.getMessage(), e);
        }
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                continue;
            }
            try {
                String text = Files.readString(f);
                String found = f.toString().endsWith(".sources") ? fromDeb822(text, suite) : fromOneLine(text, suite);
                if (found != null) {
                    return found;
                }
            } catch (IOException e) {
                throw new LabException("lab: cannot read " + f + ": " + e.getMessage(), e);
            }
        }
        throw new LabException("lab: no Debian " + suite + " mirror in apt's sources (/etc/apt/sources.list and"
                + " /etc/apt/sources.list.d); add one, e.g. 'deb <mirror>/debian " + suite + " main'");
    }

    static String fromOneLine(String text, String suite) {
        for (String line : text.split("\n")) {
            String[] f = line.replaceAll("\\[[^]]*]", " ").trim().split("\\s+");
            if (f.length >= 3 && "deb".equals(f[0]) && suite.equals(f[2])) {
                return f[1];
            }
        }
        return null;
    }

    static String fromDeb822(String text, String suite) {
        for (String stanza : text.split("\n\\s*\n")) {
            String types = null;
            String uris = null;
            String suites = null;
            for (String line : stanza.split("\n")) {
                if (line.startsWith("#")) {
                    continue;
                }
                int c = line.indexOf(':');
                if (c < 0) {
                    continue;
                }
                String key = line.substring(0, c).trim().toLowerCase();
                String value = line.substring(c + 1).trim();
                switch (key) {
                    case "types" -> types = value;
                    case "uris" -> uris = value;
                    case "suites" -> suites = value;
                    case "enabled" -> {
                        if ("no".equalsIgnoreCase(value)) {
                            types = null;
                        }
                    }
                    default -> { }
                }
            }
            if (types != null && uris != null && suites != null && List.of(types.split("\\s+")).contains("deb")
                    && List.of(suites.split("\\s+")).contains(suite)) {
                return uris.split("\\s+")[0];
            }
        }
        return null;
    }
}
