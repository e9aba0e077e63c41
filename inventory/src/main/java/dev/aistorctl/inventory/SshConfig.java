package dev.aistorctl.inventory;

import dev.aistorctl.core.ssh.Become;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How to reach every host of the inventory. Defaults: port 22, identity
 * {@code ~/.ssh/id_ed25519}, known hosts {@code ~/.ssh/known_hosts}, {@code become: none} for
 * root and {@code sudo} for anyone else, connect timeout 10 s, command timeout 10 min.
 */
public record SshConfig(String user, int port, Path identityFile, Path knownHosts, Become become,
                        Optional<JumpHost> jumpHost, Duration connectTimeout, Duration commandTimeout) {
    public static final int DEFAULT_PORT = 22;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMinutes(10);

    public static Become defaultBecome(String user) {
        return "root".equals(user) ? Become.NONE : Become.SUDO;
    }
}
