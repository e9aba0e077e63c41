package dev.aistorctl.playbooks.tune;

import dev.aistorctl.core.RemoteException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a {@link ReadScript} printed, parsed: a pure function of the text, so plans can be tested from captures. */
final class ObservedState {

    /** How a value file answered. */
    enum Access { OK, ABSENT, UNREADABLE, REFUSED }

    /**
     * One sysctl or sysfs value.
     *
     * @param value the value whitespace-normalised (empty when absent or unreadable)
     * @param error why it cannot be set here (REFUSED), as the shell reported it
     */
    record Value(String tag, String path, Access access, String value, String error) {
        boolean settable() {
            return access == Access.OK;
        }

        /** For a value that cannot be set: why, in a few words ("Read-only file system", "not in this kernel"). */
        String whyNot() {
            return switch (access) {
                case OK -> "";
                case ABSENT -> "not in this kernel";
                case UNREADABLE -> "unreadable";
                case REFUSED -> shortError(error);
            };
        }
    }

    /** A command's exit code and output. */
    record Output(int exitCode, String text) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private final List<Value> values = new ArrayList<>();
    private final Map<String, Optional<String>> files = new LinkedHashMap<>();
    private final Map<String, Optional<String>> links = new LinkedHashMap<>();
    private final Map<String, Output> outputs = new LinkedHashMap<>();

    static ObservedState parse(String host, String text) {
        ObservedState s = new ObservedState();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            try {
                switch (f[0]) {
                    case "V" -> s.values.add(new Value(f[1], f[2], Access.valueOf(f[3].toUpperCase(java.util.Locale.ROOT)),
                            TuningProfiles.normalise(decode(f[4])), decode(f[5])));
                    case "F" -> s.files.put(f[1], f[2].startsWith("+") ? Optional.of(decode(f[2].substring(1))) : Optional.empty());
                    case "L" -> s.links.put(f[1], f[2].startsWith("+") ? Optional.of(f[2].substring(1)) : Optional.empty());
                    case "X" -> s.outputs.put(f[1], new Output(Integer.parseInt(f[2]), decode(f[3])));
                    default -> throw new IllegalArgumentException("unknown record " + f[0]);
                }
            } catch (RuntimeException e) {
                throw new RemoteException(host, "read the current settings", "unexpected output line '" + line + "'");
            }
        }
        return s;
    }

    /** A value as the script sends it: "=" and the text itself, or base64 of the text (empty for an empty one). */
    private static String decode(String field) {
        if (field.startsWith("=")) {
            return field.substring(1);
        }
        return new String(Base64.getMimeDecoder().decode(field), StandardCharsets.UTF_8);
    }

    static String shortError(String shellError) {
        String e = shellError == null ? "" : shellError.strip();
        int colon = e.lastIndexOf(": ");
        return e.isEmpty() ? "refused" : colon >= 0 ? e.substring(colon + 2) : e;
    }

    List<Value> values(String tag) {
        return values.stream().filter(v -> v.tag().equals(tag)).toList();
    }

    Optional<Value> value(String tag) {
        return values.stream().filter(v -> v.tag().equals(tag)).findFirst();
    }

    /** The file's content, or empty when there is no such file. */
    Optional<String> file(String path) {
        return files.getOrDefault(path, Optional.empty());
    }

    Optional<String> link(String path) {
        return links.getOrDefault(path, Optional.empty());
    }

    Optional<Output> output(String tag) {
        return Optional.ofNullable(outputs.get(tag));
    }

    Map<String, Output> outputs() {
        return outputs;
    }
}
