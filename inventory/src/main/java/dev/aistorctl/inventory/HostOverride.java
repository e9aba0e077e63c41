package dev.aistorctl.inventory;

import dev.aistorctl.core.ssh.Become;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Per-host settings under {@code hosts.NAME}: each one given wins over the cluster's {@code ssh:} and
 * over ssh_config for this host alone.
 *
 * @param jumpHosts present and empty for {@code jump_host: none} (this host is reached directly)
 */
public record HostOverride(Optional<String> address, Optional<String> user, Optional<Integer> port,
                           Optional<Path> identityFile, Optional<List<JumpHost>> jumpHosts, Optional<Become> become) {
    public static final HostOverride NONE = new HostOverride(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty());
}
