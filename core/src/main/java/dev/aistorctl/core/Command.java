package dev.aistorctl.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A command as an argv list. Values from the inventory travel as separate arguments and only
 * {@link ShellQuote#quote} turns them into shell text, so no value can ever be read as shell syntax.
 */
public record Command(List<String> argv, Map<String, String> env, boolean privileged) {

    public Command {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least a program name");
        }
        argv = List.copyOf(argv);
        env = Map.copyOf(new TreeMap<>(env));
    }

    public static Command of(String... argv) {
        return new Command(List.of(argv), Map.of(), false);
    }

    public static Command of(List<String> argv) {
        return new Command(argv, Map.of(), false);
    }

    /** A shell script run as {@code sh -c SCRIPT}; the script is fixed text of ours, never inventory values. */
    public static Command script(String script) {
        return of("sh", "-c", script);
    }

    public Command withEnv(String name, String value) {
        Map<String, String> merged = new TreeMap<>(env);
        merged.put(name, value);
        return new Command(argv, merged, privileged);
    }

    /** Marks the command as needing root; the connector adds {@code sudo -n} when the login user is not root. */
    public Command asRoot() {
        return new Command(argv, env, true);
    }

    /** The single line a POSIX shell runs: {@code env NAME=value ... argv...}, every word quoted. */
    public String toShellLine() {
        List<String> words = new ArrayList<>();
        if (!env.isEmpty()) {
            words.add("env");
            env.forEach((k, v) -> words.add(k + "=" + v));
        }
        words.addAll(argv);
        return ShellQuote.join(words);
    }

    @Override
    public String toString() {
        return toShellLine();
    }
}
