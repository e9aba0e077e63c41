package dev.aistorctl.inventory;

import java.util.Optional;

/**
 * One bastion of a jump chain, written {@code [user@]host[:port]}; what is left out comes from the
 * bastion's ssh_config entry, then from the target's user and port 22.
 */
public record JumpHost(Optional<String> user, String host, Optional<Integer> port) {
    @Override
    public String toString() {
        return user.map(u -> u + "@").orElse("") + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + port.map(p -> ":" + p).orElse("");
    }
}
