package dev.aistorctl.lab;

import dev.aistorctl.core.ExecResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs controller-side tools (ip, losetup, mkfs, ssh-keygen, ...) as argv lists, never through a shell. */
final class Proc {
    /** Tools live in sbin directories that a non-login root shell may lack. */
    static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private Proc() {
    }

    static ExecResult run(List<String> argv, Duration timeout) {
        return run(argv, Map.of(), timeout);
    }

    static ExecResult run(List<String> argv, Map<String, String> env, Duration timeout) {
        long start = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(argv);
        pb.environment().put("PATH", PATH);
        pb.environment().put("LC_ALL", "C");
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new ExecResult(127, new byte[0], ("cannot run " + argv.get(0) + ": " + e.getMessage()).getBytes(),
                    Duration.ofNanos(System.nanoTime() - start));
        }
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new LabException(String.join(" ", argv) + ": no answer after " + timeout.toSeconds() + " s");
            }
            return new ExecResult(p.exitValue(), out.join(), err.join(), Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new LabException(String.join(" ", argv) + ": interrupted", e);
        }
    }

    /** Runs and fails with the command and the tail of its stderr when it exits non-zero. */
    static ExecResult check(String what, List<String> argv, Duration timeout) {
        ExecResult r = run(argv, timeout);
        if (!r.ok()) {
            String tail = r.stderrTail(5);
            throw new LabException(what + ": " + String.join(" ", argv) + " exited " + r.exitCode()
                    + (tail.isBlank() ? "" : ": " + tail));
        }
        return r;
    }

    static ExecResult check(String what, Duration timeout, String... argv) {
        return check(what, List.of(argv), timeout);
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
