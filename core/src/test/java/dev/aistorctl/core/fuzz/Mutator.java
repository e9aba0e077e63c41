package dev.aistorctl.core.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Makes hostile variants of valid files: bit flips, bytes that mean something to YAML and to text
 * parsers, deleted, repeated and spliced ranges, swapped lines, numbers pushed to their extremes, and
 * tokens from a dictionary. No coverage feedback: the corpus of real files carries the structure, the
 * mutations break it a few bytes at a time so most inputs still get deep into a parser.
 */
public final class Mutator {
    /** Bytes with a meaning in YAML, JSON, shell output or UTF-8 (a lone lead byte, a continuation byte). */
    private static final byte[] INTERESTING = bytes("\0\n\r\t :-{}[]&*!\"'#|>%@`\\,?=/.~$0159");
    private static final byte[] HIGH = {(byte) 0x7f, (byte) 0x80, (byte) 0xbf, (byte) 0xc3, (byte) 0xe2, (byte) 0xf0, (byte) 0xff};

    /** What breaks readers of YAML, JSON and command output; a target adds its own words. */
    public static final List<String> TOKENS = List.of(
            "&a ", "*a", "<<: *a", "!!binary ", "!!python/object:os.system ", "!!java.io.File ", "!foo ", "!!str ",
            "{1...99999}", "{1...4}", "{a...z}", "-1", "0", "9999999999999999999999", "2147483648", "-9223372036854775809",
            "1e308", "NaN", ".inf", "-.inf", "0x1F", "0o17", "~", "null", "true", "\n  - ", ": ", "? ", "---\n", "...\n",
            "\"\\u0000\"", "\"\\e\"", "%YAML 1.1\n", "[[[[[[[[[[", "{{{{{{{{", "]]]]", "}}}}", "\t", "\r\n", "\u00a0", "\ufeff",
            "'", "\"", "\\", "$(id)", "`id`", ";", "\n\n\n", "#", "|\n", ">-\n", "  ", "é", "\ud83d\ude00", "\"\":", "{}", "[]",
            "NVMe", "x16", "GT/s", "Mb/s", "kB", "MiB", "TB", "/dev/nvme0n1", "0000:01:00.0");

    private final Random random;
    private final List<byte[]> corpus;
    private final List<byte[]> tokens;
    private final int maxBytes;

    /**
     * @param extraTokens words of the target's own language (keys, units, section names)
     * @param maxBytes    inputs are cut to this size, so a run of repeats cannot grow without end
     */
    public Mutator(Random random, List<byte[]> corpus, List<String> extraTokens, int maxBytes) {
        if (corpus.isEmpty()) {
            throw new IllegalArgumentException("a mutation fuzzer needs at least one seed input");
        }
        this.random = random;
        this.corpus = List.copyOf(corpus);
        List<byte[]> all = new ArrayList<>();
        TOKENS.forEach(t -> all.add(bytes(t)));
        extraTokens.forEach(t -> all.add(bytes(t)));
        this.tokens = List.copyOf(all);
        this.maxBytes = maxBytes;
    }

    /** A seed of the corpus with one to eight mutations stacked on it. */
    public byte[] next() {
        byte[] input = corpus.get(random.nextInt(corpus.size()));
        int n = 1 + (random.nextInt(4) == 0 ? random.nextInt(8) : random.nextInt(2));
        for (int i = 0; i < n; i++) {
            input = mutate(input);
        }
        return input.length > maxBytes ? Arrays.copyOf(input, maxBytes) : input;
    }

    byte[] mutate(byte[] in) {
        if (in.length == 0) {
            return token();
        }
        int at = random.nextInt(in.length);
        return switch (random.nextInt(10)) {
            case 0 -> {
                byte[] out = in.clone();
                out[at] ^= (byte) (1 << random.nextInt(8));
                yield out;
            }
            case 1 -> {
                byte[] out = in.clone();
                out[at] = random.nextInt(4) == 0 ? HIGH[random.nextInt(HIGH.length)] : INTERESTING[random.nextInt(INTERESTING.length)];
                yield out;
            }
            case 2 -> splice(in, at, at + 1 + random.nextInt(Math.min(64, in.length - at)), new byte[0]);
            case 3 -> {
                int end = at + 1 + random.nextInt(Math.min(256, in.length - at));
                byte[] range = Arrays.copyOfRange(in, at, end);
                byte[] repeated = range;
                for (int i = random.nextInt(4) == 0 ? random.nextInt(64) : 1; i > 0; i--) {
                    repeated = concat(repeated, range);
                }
                yield splice(in, at, at, repeated);
            }
            case 4, 5 -> splice(in, at, at, token());
            case 6 -> {
                byte[] other = corpus.get(random.nextInt(corpus.size()));
                int from = other.length == 0 ? 0 : random.nextInt(other.length);
                yield concat(Arrays.copyOf(in, at), Arrays.copyOfRange(other, from, other.length));
            }
            case 7 -> lines(in);
            case 8 -> number(in, at);
            default -> Arrays.copyOf(in, at);
        };
    }

    private byte[] token() {
        return tokens.get(random.nextInt(tokens.size()));
    }

    /** Swaps two lines, repeats one, or drops one. */
    private byte[] lines(byte[] in) {
        List<String> lines = new ArrayList<>(List.of(new String(in, StandardCharsets.ISO_8859_1).split("\n", -1)));
        int a = random.nextInt(lines.size());
        int b = random.nextInt(lines.size());
        switch (random.nextInt(3)) {
            case 0 -> {
                String t = lines.get(a);
                lines.set(a, lines.get(b));
                lines.set(b, t);
            }
            case 1 -> lines.add(b, lines.get(a));
            default -> lines.remove(a);
        }
        return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Replaces the run of digits at or after {@code at} with an extreme number. */
    private byte[] number(byte[] in, int at) {
        int start = at;
        while (start < in.length && !Character.isDigit(in[start])) {
            start++;
        }
        if (start == in.length) {
            return splice(in, at, at, token());
        }
        int end = start;
        while (end < in.length && Character.isDigit(in[end])) {
            end++;
        }
        String[] extremes = {"0", "-1", "4294967296", "9223372036854775807", "9223372036854775808", "99999999999999999999",
                "1e400", "00000000000000000001", String.valueOf(random.nextInt())};
        return splice(in, start, end, bytes(extremes[random.nextInt(extremes.length)]));
    }

    private static byte[] splice(byte[] in, int from, int to, byte[] with) {
        byte[] out = new byte[in.length - (to - from) + with.length];
        System.arraycopy(in, 0, out, 0, from);
        System.arraycopy(with, 0, out, from, with.length);
        System.arraycopy(in, to, out, from + with.length, in.length - to);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
