package dev.aistorctl.core;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A command as an argv list. Values from the inventory travel as separate arguments and only
 * {@link ShellQuote#quote} turns them into shell text, so no value can ever be read as shell syntax.
 */
public record Command(List<String> argv, Map<String, String> env, boolean privileged) {
    private static final int BRIEF_LENGTH = 160;

    /* POSIX names only: anything else could be read by env(1) as an option or by sh as syntax. */
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public Command {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least a program name");
        }
        argv = List.copyOf(argv);
        env = Map.copyOf(new TreeMap<>(env));
        for (String name : env.keySet()) {
            if (!ENV_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("not an environment variable name: " + ShellQuote.quote(name));
            }
        }
        // After "env NAME=value", env(1) would take a program name holding '=' as one more assignment.
        if (!env.isEmpty() && argv.get(0).contains("=")) {
            throw new IllegalArgumentException("a program name cannot contain '=': " + ShellQuote.quote(argv.get(0)));
        }
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

    /** Sets {@code name} only when the caller has not set it, so connectors can add defaults such as LC_ALL. */
    public Command withDefaultEnv(String name, String value) {
        return env.containsKey(name) ? this : withEnv(name, value);
    }

    /** Marks the command as needing root; the connector adds {@code sudo -n} when the login user is not root. */
    public Command asRoot() {
        return new Command(argv, env, true);
    }

    /** The single line a POSIX shell runs: {@code env NAME=value ... argv...}, every word quoted. */
    public String toShellLine() {
        StringBuilder line = new StringBuilder();
        if (!env.isEmpty()) {
            line.append("env");
            // The name is checked above; only the value needs quoting, and NAME='v' is still one word.
            // Sorted, so the same command always reads the same in plans, journals and logs.
            new TreeMap<>(env).forEach((k, v) -> line.append(' ').append(k).append('=').append(ShellQuote.quote(v)));
            line.append(' ');
        }
        line.append(ShellQuote.join(argv));
        return line.toString();
    }

    /**
     * The command as an error message names it: a script by its first line, a long line cut. What a
     * failing command really was is in the run's journal, whole.
     */
    public String brief() {
        String line = toShellLine();
        int newline = line.indexOf('\n');
        String head = newline < 0 ? line : line.substring(0, newline) + " ...";
        return head.length() <= BRIEF_LENGTH ? head : head.substring(0, BRIEF_LENGTH) + " ...";
    }

    @Override
    public String toString() {
        return toShellLine();
    }
}
