package dev.aistorctl.lab;

import java.nio.file.Path;
import java.util.Arrays;

/** The end of a host's console log, without terminal colour codes, for error messages. */
final class ConsoleLog {
    private ConsoleLog() {
    }

    static String tail(Path log, int lines) {
        String text = Lab.read(log).replaceAll("\u001B\\[[0-9;]*[A-Za-z]", "").replace("\r", "");
        String[] all = text.strip().split("\n");
        return String.join("\n", Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
    }
}
