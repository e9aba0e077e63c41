package dev.aistorctl.core;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Runs text through the real /bin/sh, the way a remote host would. */
final class Sh {
    private Sh() {
    }

    /** Runs {@code /bin/sh -c script} and returns its stdout bytes; fails on a non-zero exit. */
    static byte[] runC(String script) throws IOException, InterruptedException {
        return finish(new ProcessBuilder("/bin/sh", "-c", script).start(), null);
    }

    /** Gives the script to sh on stdin, so any characters reach it as exact UTF-8 bytes. */
    static byte[] runStdin(String script) throws IOException, InterruptedException {
        return finish(new ProcessBuilder("/bin/sh", "-s").start(), script.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] finish(Process p, byte[] stdin) throws IOException, InterruptedException {
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        }
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("sh did not finish");
        }
        if (p.exitValue() != 0) {
            throw new IOException("sh exited " + p.exitValue() + ": " + new String(err, StandardCharsets.UTF_8));
        }
        return out;
    }
}
