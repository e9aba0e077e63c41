package dev.aistorctl.inventory;

import java.util.Optional;

/** A bastion that SSH connections go through, written {@code [user@]host[:port]}. */
public record JumpHost(Optional<String> user, String host, int port) {
    @Override
    public String toString() {
        return user.map(u -> u + "@").orElse("") + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
