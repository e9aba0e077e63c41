package dev.aistorctl.playbooks;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.core.ShellQuote;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Several read-only commands run as one remote script, so reading the state of a host's steps costs one round
 * trip, and the answer each command would have given alone taken back out of its output.
 *
 * <p>Each command runs in a subshell of its own, with stdin from /dev/null, exactly as its shell line reads
 * ({@link Command#toShellLine()}), so it gets the environment and the privilege it would get alone: the batch
 * runs as root only when every command in it does ({@link #of} refuses a mix), and the connector adds sudo
 * around the batch as it would around each command. Its stdout and stderr stay apart because the script frames
 * each command's output on both streams with lines holding a random nonce, which no command's output can know
 * in advance; the exit status travels in the end line on stdout. A command whose frame is missing or broken
 * has no answer, and its step runs it alone.
 */
final class ReadBatch {
    /**
     * The longest script a batch holds: one argument of {@code sh -c}, quoted once more when sudo wraps it,
     * and Linux takes no single argument over 128 KiB. Quoting can make a script's text several times longer.
     */
    static final int MAX_LINE = 96 * 1024;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<Command> reads;
    private final String nonce;

    private ReadBatch(List<Command> reads, String nonce) {
        this.reads = List.copyOf(reads);
        this.nonce = nonce;
    }

    /** A batch of {@code reads}, all run as root or none. */
    static ReadBatch of(List<Command> reads) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return of(reads, HexFormat.of().formatHex(bytes));
    }

    static ReadBatch of(List<Command> reads, String nonce) {
        if (reads.stream().map(Command::privileged).distinct().count() > 1) {
            throw new IllegalArgumentException("a batch runs every read as root or none as root");
        }
        return new ReadBatch(reads, nonce);
    }

    /**
     * {@code reads} split, in order, into batches each run as root or not (as the reads are), and each short
     * enough to be one argument; a read too long to share a batch is left out, for its step to run alone.
     */
    static List<ReadBatch> split(List<Command> reads) {
        List<ReadBatch> out = new ArrayList<>();
        for (boolean root : new boolean[] {false, true}) {
            List<Command> current = new ArrayList<>();
            for (Command read : reads) {
                if (read.privileged() != root) {
                    continue;
                }
                current.add(read);
                if (of(current).lineLength() > MAX_LINE) {
                    current.remove(current.size() - 1);
                    if (!current.isEmpty()) {
                        out.add(of(current));
                    }
                    current = new ArrayList<>(List.of(read));
                    if (of(current).lineLength() > MAX_LINE) {
                        current.clear();
                    }
                }
            }
            if (!current.isEmpty()) {
                out.add(of(current));
            }
        }
        return out;
    }

    List<Command> reads() {
        return reads;
    }

    /** The one command that runs every read: root when they are. */
    Command command() {
        Command c = Command.script(script());
        return reads.stream().anyMatch(Command::privileged) ? c.asRoot() : c;
    }

    String script() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < reads.size(); i++) {
            String begin = nonce + " begin " + i;
            s.append("printf '%s\\n' '").append(begin).append("'; printf '%s\\n' '").append(begin).append("' >&2\n");
            s.append("( ").append(reads.get(i).toShellLine()).append(" ) </dev/null\n");
            s.append("printf '\\n%s %s\\n' '").append(nonce).append(" end ").append(i).append("' \"$?\"; ")
                    .append("printf '\\n%s\\n' '").append(nonce).append(" end ").append(i).append("' >&2\n");
        }
        s.append("exit 0\n");
        return s.toString();
    }

    /** How long the batch's line is at most, once sudo has quoted it a second time. */
    private int lineLength() {
        return ShellQuote.quote(command().toShellLine()).length();
    }

    /**
     * Each read's answer, in order, from what the batch printed: its stdout, stderr and exit status, each exactly
     * as the read alone would have given them; empty for a read whose frame is missing (the batch stopped, sudo
     * refused it).
     */
    List<Optional<ExecResult>> answers(ExecResult batch) {
        List<Optional<ExecResult>> out = new ArrayList<>();
        for (int i = 0; i < reads.size(); i++) {
            out.add(answer(batch, i));
        }
        return out;
    }

    private Optional<ExecResult> answer(ExecResult batch, int i) {
        byte[] begin = ascii(nonce + " begin " + i + "\n");
        Optional<byte[]> stdout = between(batch.stdout(), begin, ascii("\n" + nonce + " end " + i + " "));
        Optional<byte[]> stderr = between(batch.stderr(), begin, ascii("\n" + nonce + " end " + i + "\n"));
        Optional<Integer> exit = exitStatus(batch.stdout(), ascii("\n" + nonce + " end " + i + " "));
        if (stdout.isEmpty() || stderr.isEmpty() || exit.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ExecResult(exit.get(), stdout.get(), stderr.get(), Duration.ZERO));
    }

    /** The bytes between the first {@code begin} and the {@code end} after it. */
    private static Optional<byte[]> between(byte[] text, byte[] begin, byte[] end) {
        int from = indexOf(text, begin, 0);
        if (from < 0) {
            return Optional.empty();
        }
        from += begin.length;
        int to = indexOf(text, end, from);
        // The end line starts with a newline of its own, so output that ends in none still ends its frame.
        return to < 0 ? Optional.empty() : Optional.of(Arrays.copyOfRange(text, from, to));
    }

    private static Optional<Integer> exitStatus(byte[] stdout, byte[] end) {
        int at = indexOf(stdout, end, 0);
        if (at < 0) {
            return Optional.empty();
        }
        int from = at + end.length;
        int to = indexOf(stdout, ascii("\n"), from);
        if (to < 0) {
            return Optional.empty();
        }
        String digits = new String(stdout, from, to - from, StandardCharsets.US_ASCII);
        return digits.matches("[0-9]{1,3}") ? Optional.of(Integer.parseInt(digits)) : Optional.empty();
    }

    private static int indexOf(byte[] text, byte[] word, int from) {
        outer:
        for (int i = from; i <= text.length - word.length; i++) {
            for (int j = 0; j < word.length; j++) {
                if (text[i + j] != word[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
