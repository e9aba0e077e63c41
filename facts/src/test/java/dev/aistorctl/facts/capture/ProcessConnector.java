package dev.aistorctl.facts.capture;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.Connector;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.core.RemoteException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs commands on this machine through {@code sh -c}, for tests of what a remote host would run. */
class ProcessConnector implements Connector {

    @Override
    public String host() {
        return "localhost";
    }

    @Override
    public ExecResult run(Command command, byte[] stdin, Duration timeout) {
        long start = System.nanoTime();
        try {
            Process p = new ProcessBuilder("sh", "-c", command.toShellLine()).start();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            p.getOutputStream().write(stdin);
            p.getOutputStream().close();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new RemoteException(host(), command.argv().get(0), "timed out after " + timeout);
            }
            return new ExecResult(p.exitValue(), out.join(), err.join(), Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException e) {
            throw new RemoteException(host(), command.argv().get(0), e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteException(host(), command.argv().get(0), "interrupted", e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    @Override
    public void put(byte[] content, String remotePath, int mode) {
        try {
            Files.write(Path.of(remotePath), content);
        } catch (IOException e) {
            throw new RemoteException(host(), "put " + remotePath, e.getMessage(), e);
        }
    }

    @Override
    public byte[] get(String remotePath) {
        try {
            return Files.readAllBytes(Path.of(remotePath));
        } catch (IOException e) {
            throw new RemoteException(host(), "get " + remotePath, e.getMessage(), e);
        }
    }

    @Override
    public void close() {
    }
}
