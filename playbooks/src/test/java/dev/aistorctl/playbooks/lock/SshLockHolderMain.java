package dev.aistorctl.playbooks.lock;

import dev.aistorctl.core.ssh.SshConnector;
import dev.aistorctl.core.ssh.SshSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * {@link LockHolderMain} over SSH, in a child JVM: the lock and the sleep live on the far side of a real connection.
 * Arguments: sshd port, identity file, known_hosts, then those of {@link LockHolderMain}.
 */
public final class SshLockHolderMain {
    private SshLockHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        SshSettings settings = SshSettings.builder("node01", Path.of(args[1]), Path.of(args[2])).address("127.0.0.1")
                .port(Integer.parseInt(args[0])).user("root").keepaliveInterval(Duration.ofSeconds(5)).build();
        LockHolderMain.hold(SshConnector.connect(settings), Arrays.copyOfRange(args, 3, args.length));
    }
}
