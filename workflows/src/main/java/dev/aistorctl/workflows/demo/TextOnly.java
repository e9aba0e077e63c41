package dev.aistorctl.workflows.demo;

import java.util.Optional;

import dev.aistorctl.workflows.Output;

/** An output that prints text whatever the front end was asked for: the demo shows its stages to a person. */
record TextOnly(Output output) implements Output {
    @Override
    public boolean json() {
        return false;
    }

    @Override
    public String style(String markup) {
        return output.style(markup);
    }

    @Override
    public void println(String line) {
        output.println(line);
    }

    @Override
    public void printJson(Object value) {
        output.printJson(value);
    }

    @Override
    public void progress(String line) {
        output.progress(line);
    }

    @Override
    public void error(String message) {
        output.error(message);
    }

    @Override
    public void hint(String message) {
        output.hint(message);
    }

    @Override
    public Optional<Boolean> confirmClusterName(String cluster, String question) {
        return output.confirmClusterName(cluster, question);
    }
}
