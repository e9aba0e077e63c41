package dev.aistorctl.facts.capture;

import dev.aistorctl.core.ShellQuote;
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
    private final String whyNotNeeded;
    private final Function<String, T> parser;

    private Source(String file, String shell, String shown, String functions, boolean expected, Source<?> primary,
                   String whyNotNeeded, Function<String, T> parser) {
        this.file = Objects.requireNonNull(file);
        this.shell = Objects.requireNonNull(shell);
        this.shown = shown;
        this.functions = Objects.requireNonNull(functions);
        this.expected = expected;
        this.primary = primary;
        this.whyNotNeeded = whyNotNeeded;
        this.parser = Objects.requireNonNull(parser);
    }

    /**
     * A source gathered by {@code shell}, POSIX sh text evaluated by the gather script's own shell
     * (not a subshell: it must not {@code exit} nor set the frame's variables, see gather-frame.sh);
     * the manifest shows that text as the file's source.
     */
    public static <T> Source<T> of(String file, String shell, Function<String, T> parser) {
        return new Source<>(file, shell, null, "", false, null, null, parser);
    }

    /** Every full capture has it: a bundle without it reports it as missing. */
    public Source<T> expected() {
        return new Source<>(file, shell, shown, functions, true, primary, whyNotNeeded, parser);
    }

    /** How the manifest shows the source, when the shell is a function call that would say nothing. */
    public Source<T> shownAs(String text) {
        return new Source<>(file, shell, text, functions, expected, primary, whyNotNeeded, parser);
    }

    /** Shell functions the source's shell calls; the script defines them before gathering. */
    public Source<T> withFunctions(String definitions) {
        return new Source<>(file, shell, shown, definitions, expected, primary, whyNotNeeded, parser);
    }

    /**
     * Gathered only in {@code primary}'s place: when the same run did not gather {@code primary}, or it failed or
     * printed nothing. Otherwise the script runs nothing for this source and the manifest says why, in
     * {@code whyNotNeeded}: a program fewer per gather, and no fact lost, because the facts read this file only
     * where {@code primary} tells nothing.
     */
    public Source<T> insteadOf(Source<?> primary, String whyNotNeeded) {
        return new Source<>(file, shell, shown, functions, expected, Objects.requireNonNull(primary),
                Objects.requireNonNull(whyNotNeeded), parser);
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
        if (primary == null) {
            return run + "\n";
        }
        return "if record_ok " + ShellQuote.quote(primary.file()) + "; then left_out " + ShellQuote.quote(file) + " "
                + ShellQuote.quote(whyNotNeeded) + "; else " + run + "; fi\n";
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
