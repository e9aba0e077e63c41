package dev.aistorctl.facts.capture;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Makes the gather script from the declared sources: the fixed frame ({@code gather-frame.sh}:
 * environment, temporary folder, {@code run} and its helpers), each source's shell functions, then
 * the stream's header line, one {@code run} per source in declaration order, and {@code end_capture},
 * which prints the records and the end line.
 */
final class GatherScript {
    static final String HEADER = "printf 'AISTORCTL-CAPTURE 1\\n'\n";
    /** Prints the records gathered so far and the stream's end line (gather-frame.sh). */
    static final String END = "end_capture\n";
    private static final String FRAME = resource("gather-frame.sh");

    private GatherScript() {
    }

    /**
     * The script for {@code sources}, then {@code more}: shell text of a caller's own that may call
     * the frame's functions, {@code run} among them, to add records to the same stream.
     */
    static String of(List<? extends CaptureSource> sources, String more) {
        StringBuilder s = new StringBuilder(FRAME);
        for (CaptureSource source : sources) {
            if (!source.functions().isEmpty()) {
                s.append('\n').append(source.functions());
                if (!source.functions().endsWith("\n")) {
                    s.append('\n');
                }
            }
        }
        s.append('\n').append(HEADER);
        sources.forEach(source -> s.append(source.runLines()));
        s.append(more);
        if (!more.isEmpty() && !more.endsWith("\n")) {
            s.append('\n');
        }
        return s.append(END).toString();
    }

    private static String resource(String name) {
        try (InputStream in = GatherScript.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the facts jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
