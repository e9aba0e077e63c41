package dev.aistorctl.workflows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The operator's side of a workflow in a test: what it prints is kept line by line, in order, with the colour markup
 * dropped as on a non-terminal; JSON mode and {@code -v} as the test asks; nobody at the keyboard to confirm.
 */
public final class RecordingOutput implements Output {
    /** Result lines ({@link #println}). */
    public final List<String> results = Collections.synchronizedList(new ArrayList<>());
    /** Every line, results, progress and errors alike, in the order printed. */
    public final List<String> all = Collections.synchronizedList(new ArrayList<>());
    private final boolean json;
    private final boolean verbose;

    public RecordingOutput() {
        this(false, false);
    }

    public RecordingOutput(boolean json, boolean verbose) {
        this.json = json;
        this.verbose = verbose;
    }

    @Override
    public boolean json() {
        return json;
    }

    @Override
    public boolean verbose() {
        return verbose;
    }

    @Override
    public String style(String markup) {
        return markup.replaceAll("@\\|\\S+ (.*?)\\|@", "$1");
    }

    @Override
    public void println(String line) {
        results.add(line);
        all.add(line);
    }

    @Override
    public void printJson(Object value) {
    }

    @Override
    public void progress(String line) {
        all.add(line);
    }

    @Override
    public void error(String message) {
        all.add(message);
    }

    @Override
    public void hint(String message) {
        all.add(message);
    }

    @Override
    public Optional<Boolean> confirmClusterName(String cluster, String question) {
        return Optional.empty();
    }
}
