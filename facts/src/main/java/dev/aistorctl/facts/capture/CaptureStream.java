package dev.aistorctl.facts.capture;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The framing the gather script prints, read back into a bundle byte for byte:
 * <pre>
 * AISTORCTL-CAPTURE 1\n
 * &#64;&#64; NAME EXIT MILLIS OUTLEN ERRLEN SOURCE...\n   (one header line per source)
 * OUTLEN bytes of stdout, ERRLEN bytes of stderr, \n
 * ...
 * &#64;&#64;LEFT-OUT NAME TEXT\n                      (any number: what record NAME left out and why)
 * &#64;&#64;END\n
 * </pre>
 * Lengths rather than delimiters, so any output (binary, or containing a line that looks like a
 * header) travels unchanged. A stream without its end line was cut short and is refused.
 */
public final class CaptureStream {
    public static final String MAGIC = "AISTORCTL-CAPTURE 1";
    private static final String END = "@@END";
    private static final String LEFT_OUT = "@@LEFT-OUT ";

    private CaptureStream() {
    }

    public static CaptureBundle parse(String host, byte[] stream) {
        CaptureBundle.Builder b = CaptureBundle.builder(host);
        int[] pos = {0};
        String first = line(stream, pos);
        if (!MAGIC.equals(first)) {
            throw new IllegalArgumentException("not a capture stream (first line: " + abbreviate(first) + ")");
        }
        while (true) {
            String header = line(stream, pos);
            if (header == null) {
                throw new IllegalArgumentException("capture stream ends early, without " + END);
            }
            if (header.equals(END)) {
                return b.build();
            }
            if (header.startsWith(LEFT_OUT)) {
                String[] f = header.substring(LEFT_OUT.length()).split(" ", 2);
                if (f.length < 2 || f[0].isEmpty()) {
                    throw new IllegalArgumentException("capture stream: bad left-out line: " + abbreviate(header));
                }
                b.leftOut(f[0], f[1]);
                continue;
            }
            String[] f = header.split(" ", 7);
            if (f.length < 6 || !f[0].equals("@@")) {
                throw new IllegalArgumentException("capture stream: bad record header: " + abbreviate(header));
            }
            int outLen = Integer.parseInt(f[4]);
            int errLen = Integer.parseInt(f[5]);
            if (outLen < 0 || errLen < 0 || pos[0] + outLen + errLen + 1 > stream.length) {
                throw new IllegalArgumentException("capture stream: record " + f[1] + " is cut short");
            }
            byte[] out = Arrays.copyOfRange(stream, pos[0], pos[0] + outLen);
            byte[] err = Arrays.copyOfRange(stream, pos[0] + outLen, pos[0] + outLen + errLen);
            pos[0] += outLen + errLen;
            if (stream[pos[0]] != '\n') {
                throw new IllegalArgumentException("capture stream: record " + f[1] + " is not followed by a newline");
            }
            pos[0]++;
            b.source(f[1], f.length > 6 ? f[6] : null, Integer.parseInt(f[2]), Long.parseLong(f[3]), out, err);
        }
    }

    /** Writes a bundle in the same framing; the inverse of {@link #parse}, used to test it. */
    public static byte[] write(CaptureBundle bundle) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes((MAGIC + "\n").getBytes(StandardCharsets.UTF_8));
        for (String file : bundle.fileNames()) {
            byte[] out = bundle.bytes(file).orElseThrow();
            byte[] err = bundle.stderr(file).map(s -> s.getBytes(StandardCharsets.UTF_8)).orElse(new byte[0]);
            CaptureEntry e = bundle.entry(file).orElse(new CaptureEntry(file, null, 0, 0L, null));
            String header = "@@ " + file + " " + (e.exitCode() == null ? 0 : e.exitCode()) + " "
                    + (e.durationMillis() == null ? 0 : e.durationMillis()) + " " + out.length + " " + err.length
                    + (e.source() == null ? "" : " " + e.source()) + "\n";
            o.writeBytes(header.getBytes(StandardCharsets.UTF_8));
            o.writeBytes(out);
            o.writeBytes(err);
            o.write('\n');
        }
        bundle.entries().values().forEach(e -> e.leftOutLines().forEach(line ->
                o.writeBytes((LEFT_OUT + e.file() + " " + line + "\n").getBytes(StandardCharsets.UTF_8))));
        o.writeBytes((END + "\n").getBytes(StandardCharsets.UTF_8));
        return o.toByteArray();
    }

    private static String line(byte[] s, int[] pos) {
        if (pos[0] >= s.length) {
            return null;
        }
        int start = pos[0];
        int i = start;
        while (i < s.length && s[i] != '\n') {
            i++;
        }
        pos[0] = Math.min(i + 1, s.length);
        return new String(s, start, i - start, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "<empty>";
        }
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
