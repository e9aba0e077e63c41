package dev.aistorctl.core.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything needed to reach one host over SSH. The CLI builds it from the inventory; core knows nothing
 * about the inventory format.
 *
 * @param host              the host's name in the inventory; every message starts with it
 * @param address           what to connect to (DNS name or IP); also the name looked up in known_hosts
 * @param port              SSH port
 * @param user              login user
 * @param identityFile      private key (OpenSSH or PEM; ed25519, ecdsa or rsa), possibly encrypted
 * @param knownHosts        OpenSSH known_hosts file used to verify host keys (and to record new ones)
 * @param become            how privileged commands get root when {@code user} is not root
 * @param jumps             bastions to go through, first hop first; empty for a direct connection
 * @param connectTimeout    bound on TCP connect plus SSH handshake and login
 * @param commandTimeout    default bound on one command when the caller gives none
 * @param keepaliveInterval how often an idle connection is probed; a dead peer is noticed after a few probes
 * @param acceptNewHostKeys record the key of a host absent from known_hosts instead of refusing it
 */
public record SshSettings(
        String host,
        String address,
        int port,
        String user,
        Path identityFile,
        Path knownHosts,
        Become become,
        List<JumpHost> jumps,
        Duration connectTimeout,
        Duration commandTimeout,
        Duration keepaliveInterval,
        boolean acceptNewHostKeys) {

    public SshSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(identityFile, "identityFile");
        Objects.requireNonNull(knownHosts, "knownHosts");
        Objects.requireNonNull(become, "become");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(keepaliveInterval, "keepaliveInterval");
        jumps = List.copyOf(jumps);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(host + ": SSH port out of range: " + port);
        }
    }

    /** Defaults: address = host, port 22, user root, become none, 10 s connect, 10 min command, 15 s keepalive. */
    public static Builder builder(String host, Path identityFile, Path knownHosts) {
        return new Builder(host, identityFile, knownHosts);
    }

    public Builder toBuilder() {
        Builder b = new Builder(host, identityFile, knownHosts);
        b.address = address;
        b.port = port;
        b.user = user;
        b.become = become;
        b.jumps = jumps;
        b.connectTimeout = connectTimeout;
        b.commandTimeout = commandTimeout;
        b.keepaliveInterval = keepaliveInterval;
        b.acceptNewHostKeys = acceptNewHostKeys;
        return b;
    }

    /** Builds settings field by field, so callers need not pass twelve positional arguments. */
    public static final class Builder {
        private final String host;
        private final Path identityFile;
        private final Path knownHosts;
        private String address;
        private int port = 22;
        private String user = "root";
        private Become become = Become.NONE;
        private List<JumpHost> jumps = List.of();
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration commandTimeout = Duration.ofMinutes(10);
        private Duration keepaliveInterval = Duration.ofSeconds(15);
        private boolean acceptNewHostKeys;

        private Builder(String host, Path identityFile, Path knownHosts) {
            this.host = host;
            this.address = host;
            this.identityFile = identityFile;
            this.knownHosts = knownHosts;
        }

        public Builder address(String v) { address = v; return this; }
        public Builder port(int v) { port = v; return this; }
        public Builder user(String v) { user = v; return this; }
        public Builder become(Become v) { become = v; return this; }
        public Builder jump(JumpHost v) { jumps = List.of(v); return this; }
        public Builder jumps(List<JumpHost> v) { jumps = List.copyOf(v); return this; }
        public Builder connectTimeout(Duration v) { connectTimeout = v; return this; }
        public Builder commandTimeout(Duration v) { commandTimeout = v; return this; }
        public Builder keepaliveInterval(Duration v) { keepaliveInterval = v; return this; }
        public Builder acceptNewHostKeys(boolean v) { acceptNewHostKeys = v; return this; }

        public SshSettings build() {
            return new SshSettings(host, address, port, user, identityFile, knownHosts, become, jumps,
                    connectTimeout, commandTimeout, keepaliveInterval, acceptNewHostKeys);
        }
    }
}
