package dev.aistorctl.playbooks;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.Connector;
import dev.aistorctl.core.ExecResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A host that answers only what a test told it: the first rule matching a command answers it, and a
 * command no rule matches fails the test with an {@link AssertionError} naming the command and every rule
 * the host knows. There is no catch-all: a test that wants a default answer names the command pattern it
 * covers, so a step that sends a wrong command fails its test instead of passing on a host that says yes
 * to anything. Records every command and every file written.
 */
public class ScriptedConnector implements Connector {
    private final String host;
    private final Map<String, Rule> rules = new LinkedHashMap<>();
    private final List<Command> commands = new ArrayList<>();
    private final List<String> unscripted = new ArrayList<>();
    private final Map<String, byte[]> written = new LinkedHashMap<>();

    public ScriptedConnector(String host) {
        this.host = host;
    }

    private record Rule(Predicate<Command> matches, Function<Command, ExecResult> reply) {
    }

    /**
     * Commands whose shell line contains {@code text} exit {@code exit} printing {@code stdout}. Answering the
     * same text again replaces its answer where it stands, so the order in which rules are tried is kept.
     */
    public ScriptedConnector answer(String text, int exit, String stdout) {
        ExecResult r = result(exit, stdout);
        return answer("a command containing " + text, c -> c.toShellLine().contains(text), c -> r);
    }

    /** Commands that run {@code program} (for {@code sh -c SCRIPT NAME ...}, the script's name) are answered by {@code reply}. */
    public ScriptedConnector answerProgram(String program, Function<Command, ExecResult> reply) {
        return answer("program " + program, c -> program(c).equals(program), reply);
    }

    /** Commands {@code matches} accepts are answered by {@code reply}; {@code what} names them when a command goes unanswered. */
    public synchronized ScriptedConnector answer(String what, Predicate<Command> matches, Function<Command, ExecResult> reply) {
        rules.put(what, new Rule(matches, reply));
        return this;
    }

    public static ExecResult result(int exit, String stdout) {
        return result(exit, stdout.getBytes(StandardCharsets.UTF_8), "");
    }

    public static ExecResult result(int exit, byte[] stdout, String stderr) {
        return new ExecResult(exit, stdout, stderr.getBytes(StandardCharsets.UTF_8), Duration.ZERO);
    }

    /** The program a command runs: argv[0], or the name a {@code sh -c SCRIPT NAME ...} gives its script. */
    public static String program(Command command) {
        List<String> argv = command.argv();
        boolean namedScript = argv.size() > 3 && argv.get(0).equals("sh") && argv.get(1).equals("-c");
        return namedScript ? argv.get(3) : argv.get(0);
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public synchronized ExecResult run(Command command, byte[] stdin, Duration timeout) {
        commands.add(command);
        for (Rule r : rules.values()) {
            if (r.matches().test(command)) {
                return r.reply().apply(command);
            }
        }
        String shown = shown(command);
        unscripted.add(shown);
        throw new AssertionError(host + " was sent a command it was not told about: " + shown + "\nit answers only:"
                + (rules.isEmpty() ? " nothing" : rules.keySet().stream().map(w -> "\n  - " + w).collect(Collectors.joining())));
    }

    /** The command line, with a long script shown by its first line so the arguments after it stay readable. */
    static String shown(Command command) {
        List<String> argv = command.argv();
        if (argv.size() > 2 && argv.get(0).equals("sh") && argv.get(1).equals("-c") && argv.get(2).contains("\n")) {
            String script = argv.get(2).strip();
            String head = script.lines().findFirst().orElse("");
            List<String> shortened = new ArrayList<>(argv);
            shortened.set(2, head + " ... (" + script.lines().count() + " lines)");
            return new Command(shortened, command.env(), command.privileged()).toShellLine();
        }
        return command.toShellLine();
    }

    /**
     * Fails when any command went unanswered. For tests whose code under test catches everything a step
     * throws (the runner turns it into a failed step), so the unanswered command still fails the test.
     */
    public synchronized void assertEveryCommandScripted() {
        if (!unscripted.isEmpty()) {
            throw new AssertionError(host + " was sent commands it was not told about:\n  " + String.join("\n  ", unscripted));
        }
    }

    public synchronized List<Command> commands() {
        return List.copyOf(commands);
    }

    /** Every command as the shell line it would run. */
    public synchronized List<String> lines() {
        return commands.stream().map(Command::toShellLine).toList();
    }

    /** Every command by {@link #program}. */
    public synchronized List<String> programs() {
        return commands.stream().map(ScriptedConnector::program).toList();
    }

    public synchronized boolean ran(String text) {
        return commands.stream().anyMatch(c -> c.toShellLine().contains(text));
    }

    public synchronized Map<String, byte[]> written() {
        return new LinkedHashMap<>(written);
    }

    @Override
    public synchronized void put(byte[] content, String remotePath, int mode) {
        written.put(remotePath, content);
    }

    /** A file the test's steps wrote; reading any other fails, as a command not told about does. */
    @Override
    public synchronized byte[] get(String remotePath) {
        byte[] content = written.get(remotePath);
        if (content == null) {
            throw new AssertionError(host + " was asked for " + remotePath + ", which no step wrote: files written: "
                    + written.keySet());
        }
        return content;
    }

    @Override
    public void close() {
    }
}
