package dev.aistorctl.lab;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Whether a host's sshd answers: first its banner over plain TCP, then a real key login with the OpenSSH client. */
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

    /** The OpenSSH argv that logs in to {@code address} as root with the lab's key, refusing unknown host keys. */
    static List<String> sshArgv(String address, Path key, Path knownHosts) {
        return List.of("ssh", "-i", key.toString(), "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes",
                "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + knownHosts, "-o", "ConnectTimeout=5",
                "-o", "LogLevel=ERROR", "root@" + address);
    }

    static boolean login(String address, Path key, Path knownHosts) {
        List<String> argv = new java.util.ArrayList<>(sshArgv(address, key, knownHosts));
        argv.add("true");
        return Proc.run(argv, Duration.ofSeconds(20)).ok();
    }
}
