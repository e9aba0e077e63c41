package dev.aistorctl.workflows.inventory.init;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code inventory init} is asked to do.
 *
 * @param hosts         the host names, expanded, in the order given
 * @param sshUser       login user on every host
 * @param identityFile  private key; the inventory's default when empty
 * @param knownHosts    known_hosts file; the inventory's default when empty
 * @param jumpHost      bastion as {@code [user@]host[:port]}
 * @param parallel      hosts gathered at once
 * @param out           the inventory file to write
 * @param force         overwrite {@code out} when it exists
 */
public record InitRequest(List<String> hosts, String sshUser, Optional<Path> identityFile, Optional<Path> knownHosts,
                          Optional<String> jumpHost, boolean acceptNewHostKeys, int parallel, Path out, boolean force) {
    public InitRequest {
        hosts = List.copyOf(hosts);
    }
}
