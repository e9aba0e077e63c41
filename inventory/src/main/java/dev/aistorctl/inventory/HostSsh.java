package dev.aistorctl.inventory;

import dev.aistorctl.core.ssh.Become;
import java.nio.file.Path;
import java.util.List;

/**
 * How one host is reached, every value with where it came from. Precedence, first found wins:
 * the host's entry under {@code hosts:}, the inventory's {@code ssh:}, the host's ssh_config entry,
 * the default. The ssh_config entry is the one {@code ssh NAME} would use, NAME being the host's name
 * in the pool: that is the name a field engineer writes {@code Host} lines for. An address written
 * under {@code hosts.NAME.address} replaces the entry's HostName, like any per-host value.
 *
 * @param jumps the chain to go through, first hop first; empty for a direct connection
 * @param jumpsFrom where the chain came from ({@code "default"} when there is none)
 */
public record HostSsh(String host, Sourced<String> address, Sourced<Integer> port, Sourced<String> user,
                      Sourced<Path> identityFile, Sourced<Become> become, List<Hop> jumps, String jumpsFrom) {
    public HostSsh {
        jumps = List.copyOf(jumps);
    }

    /** A value and where it came from: {@code hosts.node01.user}, {@code ssh.port}, {@code /home/fe/.ssh/config:12}, {@code default}. */
    public record Sourced<T>(T value, String from) {
    }

    /**
     * A resolved bastion.
     *
     * @param name         the hop as written in the chain (looked up in ssh_config)
     * @param identityFile the bastion's own key from ssh_config, or null for the target's key
     */
    public record Hop(String name, String user, String address, int port, Path identityFile) {
        @Override
        public String toString() {
            return user + "@" + (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + port;
        }
    }

    /** {@code user@address:port}, IPv6 in brackets. */
    public String target() {
        String a = address.value();
        return user.value() + "@" + (a.indexOf(':') >= 0 ? "[" + a + "]" : a) + ":" + port.value();
    }
}
