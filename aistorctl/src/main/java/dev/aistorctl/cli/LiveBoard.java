package dev.aistorctl.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

import dev.aistorctl.core.text.ByteSize;
import dev.aistorctl.workflows.progress.HostBoard;
import dev.aistorctl.workflows.progress.PhaseLines;

/**
 * A phase's progress on a terminal: one line per host, redrawn in place while the hosts work (the part and step
 * it is at, i/n, the bytes of an upload with its percentage, the seconds since it started), left on the screen in
 * its final state when the phase ends. Lines printed meanwhile go above it ({@link #erase()}, print, {@link #draw()});
 * each line is cut to the terminal's width so that none wraps and the cursor can move back over the board exactly.
 * Events only change the state; a ticker redraws at most {@link #TICK} apart and only when the frame changed.
 */
final class LiveBoard implements HostBoard {
    static final Duration TICK = Duration.ofMillis(100);
    /** Control sequences: cursor up n lines {@code ESC [ n A}, erase the line {@code ESC [ 2 K}, erase to its end {@code ESC [ K}. */
    static final String ESC = "\u001b[";
    static final String ERASE_LINE = ESC + "2K";
    static final String ERASE_TO_END_OF_LINE = ESC + "K";

    private final String phase;
    private final List<String> parts;
    private final PrintWriter err;
    private final Object screen;
    private final LongSupplier nanos;
    private final IntSupplier width;
    private final IntSupplier height;
    private final Map<String, Row> rows = new LinkedHashMap<>();
    private List<String> drawnFrame = List.of();
    private boolean closed;
    private Thread ticker;

    /** Where a host is in the phase. */
    private static final class Row {
        long startedNanos = -1;
        String part;
        int step;
        int steps;
        String stepName;
        long bytes = -1;
        long bytesTotal;
        final List<String> doneParts = new ArrayList<>();
        String outcome;
    }

    /**
     * @param parts  the runs of a phase of several, in order; empty for one
     * @param screen the lock every write to the terminal holds, so that a line and a redraw never interleave
     * @param width  the terminal's columns now; {@code height} its rows
     */
    LiveBoard(String phase, List<String> hosts, List<String> parts, PrintWriter err, Object screen, LongSupplier nanos,
              IntSupplier width, IntSupplier height) {
        this.phase = phase;
        this.parts = List.copyOf(parts);
        this.err = err;
        this.screen = screen;
        this.nanos = nanos;
        this.width = width;
        this.height = height;
        hosts.forEach(h -> rows.put(h, new Row()));
    }

    /** Starts redrawing every {@link #TICK} on a daemon thread, until {@link #close()}. */
    LiveBoard start() {
        ticker = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(TICK.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                synchronized (screen) {
                    if (closed) {
                        return;
                    }
                    redraw();
                }
            }
        }, "progress-board");
        ticker.setDaemon(true);
        ticker.start();
        return this;
    }

    @Override
    public void started(String host, String part) {
        synchronized (screen) {
            Row r = row(host);
            if (r.startedNanos < 0) {
                r.startedNanos = nanos.getAsLong();
            }
            r.part = part;
            r.step = 0;
            r.bytes = -1;
            r.outcome = null;
        }
    }

    @Override
    public void step(String host, int index, int steps, String name) {
        synchronized (screen) {
            Row r = row(host);
            r.step = index;
            r.steps = steps;
            r.stepName = name;
            r.bytes = -1;
        }
    }

    @Override
    public void bytes(String host, long done, long total) {
        synchronized (screen) {
            Row r = row(host);
            r.bytes = done;
            r.bytesTotal = total;
        }
    }

    @Override
    public void finished(String host, String outcome, Duration took) {
        synchronized (screen) {
            Row r = row(host);
            // "facts ok" on a line of its own; beside the phase's name, "ok"
            String shown = outcome.startsWith(phase + " ") ? outcome.substring(phase.length() + 1) : outcome;
            String text = shown + PhaseLines.seconds(took);
            if (parts.size() >= 2) {
                r.doneParts.add((r.part == null ? phase : r.part) + " " + text);
                if (r.doneParts.size() >= parts.size()) {
                    r.outcome = String.join(", ", r.doneParts);
                }
            } else {
                r.outcome = text;
            }
            r.bytes = -1;
        }
    }

    /** The final frame, once: hosts that did not reach the last part show what they did; the board then stays as it is. */
    @Override
    public void close() {
        synchronized (screen) {
            if (closed) {
                return;
            }
            rows.values().stream().filter(r -> r.outcome == null && !r.doneParts.isEmpty())
                    .forEach(r -> r.outcome = String.join(", ", r.doneParts));
            redraw();
            drawnFrame = List.of();
            closed = true;
        }
        if (ticker != null) {
            ticker.interrupt();
        }
    }

    boolean closed() {
        synchronized (screen) {
            return closed;
        }
    }

    /** Takes the board off the screen (before a line is printed above it); the caller holds the screen's lock. */
    void erase() {
        if (!drawnFrame.isEmpty()) {
            int n = drawnFrame.size();
            // Line by line: erasing to the end of the screen from its top-left corner makes some terminals (tmux)
            // push the screen into their scrollback, which would keep a copy of every frame there.
            err.print("\r" + up(n) + (ERASE_LINE + "\n").repeat(n) + up(n));
            err.flush();
            drawnFrame = List.of();
        }
    }

    /** Puts the board back below what was printed; the caller holds the screen's lock. */
    void draw() {
        if (!closed) {
            redraw();
        }
    }

    /** Writes the frame over the one on the screen, line by line, when it differs. */
    private void redraw() {
        List<String> frame = frame();
        if (frame.equals(drawnFrame)) {
            return;
        }
        StringBuilder out = new StringBuilder();
        if (!drawnFrame.isEmpty()) {
            out.append('\r').append(up(drawnFrame.size()));
        }
        frame.forEach(line -> out.append(line).append(ERASE_TO_END_OF_LINE).append('\n'));
        int extra = drawnFrame.size() - frame.size();
        if (extra > 0) {
            out.append((ERASE_LINE + "\n").repeat(extra)).append(up(extra));
        }
        err.print(out);
        err.flush();
        drawnFrame = frame;
    }

    private static String up(int lines) {
        return ESC + lines + "A";
    }

    /** The board as it reads now: a line per host (or as many as the screen holds, then a count of the others). */
    List<String> frame() {
        synchronized (screen) {
            int hostWidth = rows.keySet().stream().mapToInt(String::length).max().orElse(0);
            int labelWidth = Math.max(phase.length(), parts.stream().mapToInt(String::length).max().orElse(0));
            long now = nanos.getAsLong();
            List<String> lines = new ArrayList<>();
            rows.forEach((host, r) -> lines.add(pad(host, hostWidth) + "  " + pad(label(r), labelWidth) + "  " + state(r, now)));
            int room = Math.max(2, height.getAsInt() - 1);
            if (lines.size() > room) {
                // More hosts than rows: a cursor cannot move above the screen's top, so the rest is a count.
                long done = rows.values().stream().filter(r -> r.outcome != null).count();
                int shown = room - 1;
                int hidden = lines.size() - shown;
                List<String> cut = new ArrayList<>(lines.subList(0, shown));
                cut.add("… " + hidden + " more hosts; " + done + " of " + rows.size() + " done");
                return cut.stream().map(l -> Cut.toWidth(l, width.getAsInt())).toList();
            }
            return lines.stream().map(l -> Cut.toWidth(l, width.getAsInt())).toList();
        }
    }

    private String label(Row r) {
        return r.outcome == null && r.part != null ? r.part : phase;
    }

    private static String state(Row r, long now) {
        if (r.outcome != null) {
            return r.outcome;
        }
        if (r.startedNanos < 0) {
            return "waiting";
        }
        StringBuilder s = new StringBuilder();
        if (r.step > 0) {
            s.append("step ").append(r.step).append('/').append(r.steps).append(' ').append(r.stepName);
        } else {
            s.append("connecting");
        }
        if (r.bytes >= 0) {
            s.append("  ").append(ByteSize.binary(r.bytes)).append(" of ").append(ByteSize.binary(r.bytesTotal));
            if (r.bytesTotal > 0) {
                s.append(String.format(Locale.ROOT, " %d%%", r.bytes * 100 / r.bytesTotal));
            }
        }
        s.append("  ").append((now - r.startedNanos) / 1_000_000_000L).append('s');
        return s.toString();
    }

    private Row row(String host) {
        return rows.computeIfAbsent(host, h -> new Row());
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
