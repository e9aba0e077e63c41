package dev.aistorctl.workflows.inventory.init;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.aistorctl.core.UsageException;
import dev.aistorctl.inventory.HostAddress;
import dev.aistorctl.inventory.HostPattern;
import dev.aistorctl.inventory.HostPatternException;
import dev.aistorctl.inventory.ShellMetacharacters;

/**
 * The hosts {@code --hosts} names: a comma-separated list of names and range patterns
 * ({@code node{01...08}}, {@code node[01:08]}), or {@code @FILE} with one such item (or list) per
 * line, {@code #} starting a comment. Names are checked as the inventory checks them, so the file
 * init writes holds only hosts the loader accepts.
 */
public final class HostList {
    private static final int MAX_HOSTS = 10_000;

    private HostList() {
    }

    public static List<String> parse(String spec) {
        if (spec.startsWith("@")) {
            Path file = Path.of(spec.substring(1));
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new UsageException("--hosts " + spec + ": no such file");
            } catch (IOException e) {
                throw new UsageException("--hosts " + spec + ": cannot be read: " + e.getMessage());
            }
            Map<String, String> seen = new LinkedHashMap<>();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                int hash = line.indexOf('#');
                String items = hash >= 0 ? line.substring(0, hash) : line;
                add(items, file + ":" + (i + 1), seen);
            }
            return finish(seen, spec);
        }
        Map<String, String> seen = new LinkedHashMap<>();
        add(spec, "--hosts", seen);
        return finish(seen, spec);
    }

    private static void add(String items, String where, Map<String, String> seen) {
        for (String raw : items.split("[,\\s]+")) {
            String item = raw.strip();
            if (item.isEmpty()) {
                continue;
            }
            var bad = ShellMetacharacters.firstIn(item);
            if (bad.isPresent()) {
                throw new UsageException(where + ": host '" + item + "' holds " + ShellMetacharacters.describe(item.charAt(bad.getAsInt()))
                        + "; host names hold letters, digits, '-' and '.'");
            }
            List<String> names;
            try {
                if (HostPattern.count(item) + seen.size() > MAX_HOSTS) {
                    throw new UsageException(where + ": '" + item + "' takes the list past " + MAX_HOSTS + " hosts");
                }
                names = HostPattern.expand(item);
            } catch (HostPatternException e) {
                throw new UsageException(where + ": '" + item + "': " + e.getMessage() + (e.hint().isEmpty() ? "" : " (" + e.hint() + ")"));
            }
            for (String name : names) {
                Optional<String> problem = HostAddress.problem(name);
                if (problem.isPresent()) {
                    throw new UsageException(where + ": " + problem.get());
                }
                String key = HostAddress.canonical(name).toLowerCase(Locale.ROOT);
                if (seen.putIfAbsent(key, name) != null) {
                    throw new UsageException(where + ": host '" + name + "' is given twice");
                }
            }
        }
    }

    private static List<String> finish(Map<String, String> seen, String spec) {
        if (seen.isEmpty()) {
            throw new UsageException("--hosts " + spec + " names no host");
        }
        return new ArrayList<>(seen.values());
    }
}
