package dev.aistorctl.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The terminal stderr writes to: whether there is one, and its size. The size is {@code COLUMNS}/{@code LINES}
 * when set (a person's override), else what {@code stty size} reads from the controlling terminal, read again
 * when the window changes size (SIGWINCH); 80 x 24 when neither answers.
 */
final class TerminalSize {
    private static volatile int[] size;
    private static volatile boolean watching;

    private TerminalSize() {
    }

    /** Whether stderr is a terminal that can move its cursor: a tty, and TERM is not {@code dumb}. */
    static boolean stderrIsTerminal() {
        if ("dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    static int columns() {
        return current()[1];
    }

    static int rows() {
        return current()[0];
    }

    private static int[] current() {
        int[] s = size;
        if (s == null) {
            watch();
            s = read();
            size = s;
        }
        return s;
    }

    /** Reads the size again when the window changes. */
    private static synchronized void watch() {
        if (watching) {
            return;
        }
        watching = true;
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("WINCH"), s -> size = read());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // no SIGWINCH on this platform: the size read at the start stays
        }
    }

    /** {rows, columns}. */
    static int[] read() {
        int columns = number(System.getenv("COLUMNS"));
        int rows = number(System.getenv("LINES"));
        if (columns <= 0 || rows <= 0) {
            int[] stty = stty();
            columns = columns > 0 ? columns : stty[1];
            rows = rows > 0 ? rows : stty[0];
        }
        return new int[] {rows > 0 ? rows : 24, columns > 0 ? columns : 80};
    }

    private static int[] stty() {
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.waitFor(2, TimeUnit.SECONDS) && p.exitValue() == 0) {
                String[] parts = out.split("\\s+");
                if (parts.length == 2) {
                    return new int[] {number(parts[0]), number(parts[1])};
                }
            }
        } catch (IOException e) {
            // no stty, or no controlling terminal
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new int[] {0, 0};
    }

    private static int number(String s) {
        try {
            return s == null ? 0 : Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
