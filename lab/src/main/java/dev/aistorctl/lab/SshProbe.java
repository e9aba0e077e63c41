package dev.aistorctl.lab;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.core.RemoteException;
import dev.aistorctl.core.ssh.SshConnector;
import dev.aistorctl.core.ssh.SshSettings;

/** Whether a host's sshd answers: first its banner over plain TCP, then a real key login. */
final class SshProbe {
    private SshProbe() {
    }

    static boolean banner(String address, Duration timeout) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, 22), (int) timeout.toMillis());
            s.setSoTimeout((int) timeout.toMillis());
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4];
            int n = in.readNBytes(buf, 0, 4);
            return n == 4 && "SSH-".equals(new String(buf, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return false;
        }
    }

    /** A real key login as root with the lab's key through the project's SSH connector, refusing unknown host keys. */
    /** A command's result on the host; a failed login is exit 255 with the reason as stderr. */
    static ExecResult run(String address, Path key, Path knownHosts, String script) {
        // An emulated guest on a busy machine can take seconds over the key exchange alone.
        SshSettings settings = SshSettings.builder(address, key, knownHosts)
                .address(address).user("root").connectTimeout(Duration.ofSeconds(20)).build();
        try (SshConnector connector = SshConnector.connect(settings)) {
            return connector.run(Command.script(script), Duration.ofSeconds(60));
        } catch (RemoteException e) {
            return new ExecResult(255, new byte[0], String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8), Duration.ZERO);
        }
    }

    static boolean login(String address, Path key, Path knownHosts) {
        SshSettings settings = SshSettings.builder(address, key, knownHosts)
                .address(address).user("root").connectTimeout(Duration.ofSeconds(5)).build();
        try (SshConnector connector = SshConnector.connect(settings)) {
            return connector.run(Command.of("true"), Duration.ofSeconds(20)).ok();
        } catch (RemoteException e) {
            return false;
        }
    }
}
