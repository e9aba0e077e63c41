package dev.aistorctl.inventory;

import dev.aistorctl.core.ssh.Become;
import dev.aistorctl.core.ssh.OpenSshConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The cluster-wide {@code ssh:} section as written: a value left out is empty, so that the host's
 * ssh_config entry, then the default, can stand in for it (see {@link HostSsh}). Known hosts and the
 * timeouts are cluster-wide only.
 *
 * @param jumpHosts     the jump chain, first hop first; present and empty for {@code jump_host: none}
 * @param openSshConfig the ssh_config file read at load ({@code ~/.ssh/config} when it exists), empty for {@code config: none}
 */
public record SshConfig(Optional<String> user, Optional<Integer> port, Optional<Path> identityFile, Path knownHosts,
                        Optional<Become> become, Optional<List<JumpHost>> jumpHosts, Duration connectTimeout,
                        Duration commandTimeout, Optional<OpenSshConfig> openSshConfig) {
    public static final int DEFAULT_PORT = 22;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMinutes(10);

    /** With no {@code become} written for the host or the cluster: none for root, sudo for anyone else. */
    public static Become defaultBecome(String user) {
        return "root".equals(user) ? Become.NONE : Become.SUDO;
    }
}
