package dev.aistorctl.playbooks.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.core.LocalConnector;
import dev.aistorctl.core.RemoteException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The peer server and fetch, run for real on this machine (python3 and curl, as on a stock host) over the loopback
 * address: the one file at its one path, nothing else, and nothing left once it is closed.
 */
class PeerCopyTest {
    private static final Path SERVED_UNDER = Path.of("/var/tmp");

    @TempDir
    Path dir;

    private final LocalConnector host = new LocalConnector("peer");

    private static Set<Path> servedDirectories() throws IOException {
        try (Stream<Path> s = Files.list(SERVED_UNDER)) {
            return s.filter(p -> p.getFileName().toString().startsWith("aistorctl-peer.")).collect(Collectors.toSet());
        }
    }

    private ExecResult curl(String url, Path to) {
        return host.run(Command.of("curl", "-sS", "-o", to.toString(), "-w", "%{http_code}", "--", url));
    }

    @Test
    void servesTheOneFileAtItsRandomPathAndNothingElseAndLeavesNothingBehind() throws IOException {
        byte[] binary = new byte[3 << 20];
        new Random(7).nextBytes(binary);
        Path file = Files.write(dir.resolve("minio"), binary);
        Set<Path> before = servedDirectories();

        String url;
        try (PeerCopy.Served served = PeerCopy.serve(host, "peer", "127.0.0.1", file.toString())) {
            url = served.url();
            assertThat(url).matches("http://127\\.0\\.0\\.1:[0-9]+/[0-9a-f]{32}");
            Path fetched = dir.resolve("fetched");
            ExecResult r = host.run(PeerCopy.fetch(url, fetched.toString()));
            assertThat(r.exitCode()).as(r.stderrText()).isZero();
            assertThat(Files.readAllBytes(fetched)).isEqualTo(binary);

            String root = url.substring(0, url.lastIndexOf('/') + 1);
            assertThat(curl(root, dir.resolve("listing")).stdoutText()).as("no directory listing").isEqualTo("404");
            assertThat(curl(root + "binary", dir.resolve("by-name")).stdoutText()).isEqualTo("404");
            assertThat(curl(url + "/../binary", dir.resolve("dots")).stdoutText()).isEqualTo("404");
            assertThat(servedDirectories()).hasSize(before.size() + 1);
        }

        assertThat(servedDirectories()).as("the served copy is removed").isEqualTo(before);
        ExecResult after = host.run(PeerCopy.fetch(url, dir.resolve("late").toString()));
        assertThat(after.exitCode()).as("the server is gone").isNotZero();
    }

    @Test
    void aServerThatCannotBindIsARemoteErrorNamingTheHost() throws IOException {
        Path file = Files.writeString(dir.resolve("minio"), "x");
        assertThatThrownBy(() -> PeerCopy.serve(host, "peer", "192.0.2.1", file.toString()))
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("peer")
                .hasMessageContaining("serve " + file);
    }

    @Test
    void anIpv6AddressIsBracketedInTheUrl() {
        assertThat(PeerCopy.url("fd00::12", "4000", "ab")).isEqualTo("http://[fd00::12]:4000/ab");
        assertThat(PeerCopy.url("10.0.0.12", "4000", "ab")).isEqualTo("http://10.0.0.12:4000/ab");
    }
}
