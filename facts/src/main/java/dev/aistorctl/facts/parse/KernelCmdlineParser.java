package dev.aistorctl.facts.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code /proc/cmdline}: the kernel's arguments separated by blanks; a double-quoted value may hold
 * blanks (the kernel's own rule in lib/cmdline.c), and the quotes stay part of the argument as the file shows it.
 */
public final class KernelCmdlineParser {
    private KernelCmdlineParser() {
    }

    public static List<String> parse(String text) {
        List<String> args = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : text.strip().toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (Character.isWhitespace(c) && !quoted) {
                if (!current.isEmpty()) {
                    args.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(c);
            }
        }
        if (!current.isEmpty()) {
            args.add(current.toString());
        }
        return args;
    }

    /**
     * The value of the last {@code key=value} argument for {@code key} (the kernel lets a later
     * argument override an earlier one); empty when absent, "" for a bare {@code key}.
     */
    public static Optional<String> value(List<String> args, String key) {
        Optional<String> found = Optional.empty();
        for (String a : args) {
            if (a.equals("--")) {
                break; // what follows is for init, not the kernel
            }
            if (a.equals(key)) {
                found = Optional.of("");
            } else if (a.startsWith(key + "=")) {
                found = Optional.of(a.substring(key.length() + 1));
            }
        }
        return found;
    }
}
