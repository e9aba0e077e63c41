package dev.aistorctl.workflows.inventory.init;

import java.time.Duration;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.Connector;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.core.RemoteException;
import dev.aistorctl.facts.capture.CaptureBundle;
import dev.aistorctl.facts.capture.CaptureStream;

/** A host that answers the gather script with a saved capture, byte for byte as the script would frame it. */
final class ReplayingConnector implements Connector {
    private final String host;
    private final CaptureBundle bundle;

    ReplayingConnector(String host, CaptureBundle bundle) {
        this.host = host;
        this.bundle = bundle;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public ExecResult run(Command command, byte[] stdin, Duration timeout) {
        if (!command.toShellLine().contains("AISTORCTL-CAPTURE")) {
            throw new RemoteException(host, "run", "a replayed host only answers the gather script");
        }
        return new ExecResult(0, CaptureStream.write(bundle), new byte[0], Duration.ofMillis(1));
    }

    @Override
    public void put(byte[] content, String remotePath, int mode) {
        throw new UnsupportedOperationException("replayed host");
    }

    @Override
    public byte[] get(String remotePath) {
        throw new UnsupportedOperationException("replayed host");
    }

    @Override
    public void close() {
    }
}
