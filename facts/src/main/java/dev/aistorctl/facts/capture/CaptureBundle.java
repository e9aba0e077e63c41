package dev.aistorctl.facts.capture;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.aistorctl.core.InvalidConfigException;
import dev.aistorctl.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The raw capture of one host: each source's exact bytes by file name ({@code lscpu.txt},
 * {@code nvme-smart-log-nvme0.json}, ...), its stderr, and the manifest entry saying where it came
 * from. Read from and written to a directory so a capture can be shipped from an air-gapped site
 * and replayed. Reads three layouts: ours ({@code manifest.json} and {@code FILE.err}), a folder of
 * bare files (no manifest: exit codes unknown), and the {@code EXIT_CODES} table of hand-made
 * captures ("file TAB exit TAB command").
 */
public final class CaptureBundle {
    public static final String MANIFEST = "manifest.json";
    public static final String EXIT_CODES = "EXIT_CODES";
    public static final String FORMAT = "aistorctl-capture/1";
    private static final String STDERR_SUFFIX = ".err";

    /** Files that are never a host's capture source, so a folder holding only them is not a bundle. */
    private static final Set<String> NOT_SOURCES = Set.of(MANIFEST, EXIT_CODES, "README.md", "SOURCES.md");

    private final String host;
    private final Map<String, byte[]> files;
    private final Map<String, byte[]> stderr;
    private final Map<String, CaptureEntry> entries;

    private CaptureBundle(String host, Map<String, byte[]> files, Map<String, byte[]> stderr,
            Map<String, CaptureEntry> entries) {
        this.host = host;
        this.files = Collections.unmodifiableMap(new TreeMap<>(files));
        this.stderr = Collections.unmodifiableMap(new TreeMap<>(stderr));
        this.entries = Collections.unmodifiableMap(new TreeMap<>(entries));
    }

    public static Builder builder(String host) {
        return new Builder(host);
    }

    /** The host name the bundle belongs to, as given by the manifest or the folder name; may be null. */
    public String host() {
        return host;
    }

    /** Names of the captured source files (without manifest and stderr files). */
    public Set<String> fileNames() {
        return files.keySet();
    }

    public boolean has(String file) {
        return files.containsKey(file);
    }

    public Optional<byte[]> bytes(String file) {
        byte[] b = files.get(file);
        return b == null ? Optional.empty() : Optional.of(b.clone());
    }

    /** The file as UTF-8 text (tools run with LC_ALL=C, so this never reinterprets anything). */
    public Optional<String> text(String file) {
        byte[] b = files.get(file);
        return b == null ? Optional.empty() : Optional.of(new String(b, StandardCharsets.UTF_8));
    }

    public Optional<String> stderr(String file) {
        byte[] b = stderr.get(file);
        return b == null ? Optional.empty() : Optional.of(new String(b, StandardCharsets.UTF_8));
    }

    public Optional<CaptureEntry> entry(String file) {
        return Optional.ofNullable(entries.get(file));
    }

    /** Every manifest entry, including sources that failed and left no file. */
    public Map<String, CaptureEntry> entries() {
        return entries;
    }

    /** A copy with another host name (a folder of bundles names each by its subfolder). */
    public CaptureBundle withHost(String newHost) {
        return new CaptureBundle(newHost, files, stderr, entries);
    }

    // ---- directories

    /** Reads one bundle from {@code dir}; the host is the manifest's, else the folder's name. */
    public static CaptureBundle read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidConfigException("capture " + dir + ": not a directory");
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        Map<String, byte[]> stderr = new LinkedHashMap<>();
        Map<String, CaptureEntry> entries = new LinkedHashMap<>();
        String host = dir.getFileName() == null ? null : dir.getFileName().toString();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.sorted().toList()) {
                String name = p.getFileName().toString();
                if (!Files.isRegularFile(p) || name.startsWith(".") || NOT_SOURCES.contains(name)) {
                    continue;
                }
                if (name.endsWith(STDERR_SUFFIX)) {
                    stderr.put(name.substring(0, name.length() - STDERR_SUFFIX.length()), Files.readAllBytes(p));
                } else {
                    files.put(name, Files.readAllBytes(p));
                }
            }
            Path manifest = dir.resolve(MANIFEST);
            Path exitCodes = dir.resolve(EXIT_CODES);
            if (Files.isRegularFile(manifest)) {
                // a field a later version adds (as left_out was added) must not make the bundle unreadable here
                Manifest m = Json.lenientReader(Manifest.class).readValue(manifest.toFile());
                if (m.host() != null) {
                    host = m.host();
                }
                for (CaptureEntry e : m.sources() == null ? List.<CaptureEntry>of() : m.sources()) {
                    entries.put(e.file(), e);
                }
            } else if (Files.isRegularFile(exitCodes)) {
                entries.putAll(parseExitCodes(Files.readString(exitCodes, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new InvalidConfigException("capture " + dir + ": cannot read: " + e.getMessage(), e);
        }
        // a stderr file without its output file still says the source ran and complained
        for (String name : stderr.keySet()) {
            entries.putIfAbsent(name, new CaptureEntry(name, null, null, null, name + STDERR_SUFFIX));
        }
        return new CaptureBundle(host, files, stderr, entries);
    }

    /**
     * The bundles in {@code dir}, by host name: {@code dir} itself when it is a bundle, else each
     * subfolder that is one (its name is the host name).
     */
    public static Map<String, CaptureBundle> hostsIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidConfigException("capture " + dir + ": not a directory");
        }
        Map<String, CaptureBundle> out = new TreeMap<>();
        if (isBundle(dir)) {
            CaptureBundle b = read(dir);
            out.put(b.host() == null ? "localhost" : b.host(), b);
            return out;
        }
        try (Stream<Path> list = Files.list(dir)) {
            for (Path sub : list.sorted().toList()) {
                if (Files.isDirectory(sub) && !sub.getFileName().toString().startsWith(".") && isBundle(sub)) {
                    String name = sub.getFileName().toString();
                    out.put(name, read(sub).withHost(name));
                }
            }
        } catch (IOException e) {
            throw new InvalidConfigException("capture " + dir + ": cannot list: " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new InvalidConfigException("capture " + dir
                    + ": no capture bundle here (expected manifest.json or source files such as lscpu.txt, "
                    + "or one such folder per host)");
        }
        return out;
    }

    /** A bundle is a folder with a manifest, an EXIT_CODES table, or at least one known source file. */
    static boolean isBundle(Path dir) {
        if (Files.isRegularFile(dir.resolve(MANIFEST)) || Files.isRegularFile(dir.resolve(EXIT_CODES))) {
            return true;
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).anyMatch(Sources::isKnown);
        } catch (IOException e) {
            return false;
        }
    }

    /** Writes the files, their stderr as FILE.err, and manifest.json; {@code dir} is created if needed. */
    public void write(Path dir) {
        try {
            Files.createDirectories(dir);
            List<CaptureEntry> manifest = new ArrayList<>();
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Files.write(dir.resolve(safeName(f.getKey())), f.getValue());
            }
            for (Map.Entry<String, byte[]> e : stderr.entrySet()) {
                if (e.getValue().length > 0) {
                    Files.write(dir.resolve(safeName(e.getKey()) + STDERR_SUFFIX), e.getValue());
                }
            }
            for (Map.Entry<String, CaptureEntry> e : entries.entrySet()) {
                CaptureEntry x = e.getValue();
                boolean hasErr = stderr.containsKey(e.getKey()) && stderr.get(e.getKey()).length > 0;
                manifest.add(new CaptureEntry(x.file(), x.source(), x.exitCode(), x.durationMillis(),
                        hasErr ? x.file() + STDERR_SUFFIX : null, x.leftOut()));
            }
            for (String f : files.keySet()) {
                if (!entries.containsKey(f)) {
                    manifest.add(new CaptureEntry(f, null, null, null, null));
                }
            }
            manifest.sort((a, b) -> a.file().compareTo(b.file()));
            Json.pretty().writeValue(dir.resolve(MANIFEST).toFile(), new Manifest(FORMAT, host, manifest));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write capture to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A file name from a remote host must not climb out of the capture folder. */
    private static String safeName(String name) {
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")
                || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a capture file name: " + name);
        }
        return name;
    }

    static Map<String, CaptureEntry> parseExitCodes(String text) {
        Map<String, CaptureEntry> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.split("\t", 3);
            if (f.length < 2 || f[0].isBlank()) {
                continue;
            }
            Integer exit;
            try {
                exit = Integer.valueOf(f[1].strip());
            } catch (NumberFormatException e) {
                exit = null;
            }
            String command = f.length > 2 ? f[2] : null;
            String stderrFile = null;
            if (command != null) {
                int at = command.lastIndexOf(" (stderr -> ");
                if (at >= 0 && command.endsWith(")")) {
                    stderrFile = command.substring(at + " (stderr -> ".length(), command.length() - 1);
                    command = command.substring(0, at);
                }
            }
            out.put(f[0], new CaptureEntry(f[0], command, exit, null, stderrFile));
        }
        return out;
    }

    /** manifest.json. */
    record Manifest(@JsonProperty("format") String format, @JsonProperty("host") String host,
            @JsonProperty("sources") List<CaptureEntry> sources) {
    }

    /** Collects files one by one, as the gather stream or a test produces them. */
    public static final class Builder {
        private final String host;
        private final Map<String, byte[]> files = new LinkedHashMap<>();
        private final Map<String, byte[]> stderr = new LinkedHashMap<>();
        private final Map<String, CaptureEntry> entries = new LinkedHashMap<>();

        private Builder(String host) {
            this.host = host;
        }

        /** A source that ran: its output is kept even when empty or when it failed, exactly as printed. */
        public Builder source(String file, String source, int exitCode, long durationMillis, byte[] out, byte[] err) {
            safeName(file);
            files.put(file, out.clone());
            if (err.length > 0) {
                stderr.put(file, err.clone());
            }
            entries.put(file, new CaptureEntry(file, source, exitCode, durationMillis, null));
            return this;
        }

        /**
         * A line of what the gather left out of {@code file} and why: of a source that ran (some of its devices), or
         * of one it did not run at all (its entry then shows the declared source, with no exit code).
         */
        public Builder leftOut(String file, String line) {
            safeName(file);
            CaptureEntry entry = entries.getOrDefault(file,
                    new CaptureEntry(file, Sources.find(file).map(Source::shown).orElse(null), null, null, null));
            entries.put(file, entry.withLeftOut(line));
            return this;
        }

        /** A file whose origin is not recorded (a bundle assembled by hand). */
        public Builder file(String file, byte[] content) {
            safeName(file);
            files.put(file, content.clone());
            return this;
        }

        public Builder file(String file, String content) {
            return file(file, content.getBytes(StandardCharsets.UTF_8));
        }

        public CaptureBundle build() {
            return new CaptureBundle(host, files, stderr, entries);
        }
    }

    @Override
    public String toString() {
        return "CaptureBundle[" + host + ", " + Arrays.toString(files.keySet().toArray()) + "]";
    }
}
