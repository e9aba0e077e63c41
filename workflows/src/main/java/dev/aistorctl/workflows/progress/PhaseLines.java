package dev.aistorctl.workflows.progress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.aistorctl.workflows.Output;

/**
 * A phase's progress where nothing can be redrawn (a file, a pipe, a CI log): one whole line per host when it has
 * finished the phase, {@code [3/8] node02: changed (4.2s)}. A phase of several parts (the node's install, then its
 * start) is still one line per host, naming each part's outcome, once the host has finished them all or the
 * phase ends; each part keeps its own journal.
 */
public final class PhaseLines implements HostBoard {
    private final Output output;
    private final int hosts;
    private final List<String> parts;
    private final Map<String, String> partOf = new LinkedHashMap<>();
    private final Map<String, List<String>> doneParts = new LinkedHashMap<>();
    private int printed;

    /** @param parts the parts of a phase of several runs, in order; empty for a phase of one */
    public PhaseLines(Output output, int hosts, List<String> parts) {
        this.output = output;
        this.hosts = hosts;
        this.parts = List.copyOf(parts);
    }

    @Override
    public synchronized void started(String host, String part) {
        if (part != null) {
            partOf.put(host, part);
        }
    }

    @Override
    public void step(String host, int index, int steps, String name) {
    }

    @Override
    public void bytes(String host, long done, long total) {
    }

    @Override
    public synchronized void finished(String host, String outcome, Duration took) {
        String text = outcome + seconds(took);
        if (parts.size() < 2) {
            print(host, text);
            return;
        }
        List<String> done = doneParts.computeIfAbsent(host, h -> new ArrayList<>());
        done.add(partOf.getOrDefault(host, parts.get(Math.min(done.size(), parts.size() - 1))) + " " + text);
        if (done.size() >= parts.size()) {
            print(host, String.join(", ", doneParts.remove(host)));
        }
    }

    /** Hosts that did not reach the phase's last part (a failed install is not followed by a start). */
    @Override
    public synchronized void close() {
        new ArrayList<>(doneParts.keySet()).forEach(host -> print(host, String.join(", ", doneParts.remove(host))));
    }

    private void print(String host, String text) {
        synchronized (output) {
            output.progress("[" + (++printed) + "/" + hosts + "] " + host + ": " + text);
        }
    }

    /** " (4.2s)", as every progress line gives a duration. */
    public static String seconds(Duration took) {
        return String.format(" (%.1fs)", took.toMillis() / 1000.0);
    }
}
