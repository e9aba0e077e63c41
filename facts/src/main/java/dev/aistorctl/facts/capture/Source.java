package dev.aistorctl.facts.capture;

import dev.aistorctl.core.ShellQuote;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One capture source, declared once: the bundle file it fills, the shell that gathers it (run by
 * the gather script's {@code run}, output kept byte for byte) and the parser that reads the file.
 *
 * @param <T> what the parser makes of the file
 */
public final class Source<T> implements CaptureSource {
    private final String file;
    private final String shell;
    private final String shown;
    private final String functions;
    private final boolean expected;
    private final Source<?> primary;
    private final List<NotNeeded> notNeeded;
    private final Function<String, T> parser;

    private Source(String file, String shell, String shown, String functions, boolean expected, Source<?> primary,
                   List<NotNeeded> notNeeded, Function<String, T> parser) {
        this.file = Objects.requireNonNull(file);
        this.shell = Objects.requireNonNull(shell);
        this.shown = shown;
        this.functions = Objects.requireNonNull(functions);
        this.expected = expected;
        this.primary = primary;
        this.notNeeded = List.copyOf(notNeeded);
        this.parser = Objects.requireNonNull(parser);
    }

    /**
     * A source gathered by {@code shell}, POSIX sh text evaluated by the gather script's own shell
     * (not a subshell: it must not {@code exit} nor set the frame's variables, see gather-frame.sh);
     * the manifest shows that text as the file's source.
     */
    public static <T> Source<T> of(String file, String shell, Function<String, T> parser) {
        return new Source<>(file, shell, null, "", false, null, List.of(), parser);
    }

    /** Every full capture has it: a bundle without it reports it as missing. */
    public Source<T> expected() {
        return new Source<>(file, shell, shown, functions, true, primary, notNeeded, parser);
    }

    /** How the manifest shows the source, when the shell is a function call that would say nothing. */
    public Source<T> shownAs(String text) {
        return new Source<>(file, shell, text, functions, expected, primary, notNeeded, parser);
    }

    /** Shell functions the source's shell calls; the script defines them before gathering. */
    public Source<T> withFunctions(String definitions) {
        return new Source<>(file, shell, shown, definitions, expected, primary, notNeeded, parser);
    }

    /**
     * Gathered only in {@code primary}'s place: when the same run did not gather {@code primary}, or it failed or
     * printed nothing. Otherwise the script runs nothing for this source and the manifest says why, in
     * {@code whyNotNeeded}: a program fewer per gather, and no fact lost, because the facts read this file only
     * where {@code primary} tells nothing.
     */
    public Source<T> insteadOf(Source<?> primary, String whyNotNeeded) {
        return new Source<>(file, shell, shown, functions, expected, Objects.requireNonNull(primary),
                with(new NotNeeded("record_ok " + ShellQuote.quote(primary.file()), whyNotNeeded)), parser);
    }

    /**
     * Not gathered when {@code shellTest} (shell that calls no program: builtins and the script's functions) succeeds
     * on the host, because then the file could tell nothing a fact reads; the manifest says {@code why}.
     */
    public Source<T> notNeededWhen(String shellTest, String why) {
        return new Source<>(file, shell, shown, functions, expected, primary, with(new NotNeeded(shellTest, why)), parser);
    }

    private List<NotNeeded> with(NotNeeded more) {
        List<NotNeeded> all = new ArrayList<>(notNeeded);
        all.add(more);
        return all;
    }

    /** A shell test that, when it succeeds, makes the source unneeded, and the manifest's words for why. */
    private record NotNeeded(String shellTest, String why) {
        NotNeeded {
            Objects.requireNonNull(shellTest);
            Objects.requireNonNull(why);
        }
    }

    /** The source this one stands in for, when it is gathered only in another's place. */
    public Optional<Source<?>> primary() {
        return Optional.ofNullable(primary);
    }

    /** The bundle file name, e.g. {@code lscpu.txt}. */
    public String file() {
        return file;
    }

    /** The shell that gathers it. */
    public String shell() {
        return shell;
    }

    /** What the manifest records as the file's source: the shell itself unless told otherwise. */
    public String shown() {
        return shown != null ? shown : shell;
    }

    public boolean isExpected() {
        return expected;
    }

    /** Reads the file's text; throws when the text is not what this source prints. */
    public T parse(String text) {
        return parser.apply(text);
    }

    @Override
    public String functions() {
        return functions;
    }

    @Override
    public String runLines() {
        String run = "run " + ShellQuote.quote(file) + " " + ShellQuote.quote(shell)
                + (shown == null ? "" : " " + ShellQuote.quote(shown));
        if (notNeeded.isEmpty()) {
            return run + "\n";
        }
        StringBuilder s = new StringBuilder();
        for (NotNeeded n : notNeeded) {
            s.append(s.length() == 0 ? "if " : "elif ").append(n.shellTest()).append("; then left_out ")
                    .append(ShellQuote.quote(file)).append(' ').append(ShellQuote.quote(n.why())).append("\n");
        }
        return s.append("else ").append(run).append("\nfi\n").toString();
    }

    @Override
    public boolean fills(String name) {
        return file.equals(name);
    }

    @Override
    public String toString() {
        return file;
    }
}
