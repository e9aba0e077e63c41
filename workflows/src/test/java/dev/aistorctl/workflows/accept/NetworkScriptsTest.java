package dev.aistorctl.workflows.accept;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.core.Command;
import dev.aistorctl.facts.parse.Iperf3JsonParser;
import dev.aistorctl.facts.parse.StreamSummaryParser;
import dev.aistorctl.facts.parse.TransferResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A round, run here over loopback, where another process took the pair's first port after the probe
 * found it free (listening on it, or only bound): with the python3 receiver and sender, and with iperf3,
 * the pair still measures on its second port, and the sender does not take the other process's listener
 * for its receiver.
 */
class NetworkScriptsTest {
    private static final List<String> TOOLS = List.of("python3", "iperf3");
    private static final Pattern SENT = Pattern.compile("(?m)^sent (\\d+) bytes in [0-9.]+ s over 2 streams$");

    @Test
    void thePairMovesToItsSecondPortWhenAnotherProcessListensOnTheFirst(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // The other process answers whoever connects, and closes: it is not this round's receiver.
            Thread other = new Thread(() -> {
                while (!taken.isClosed()) {
                    try (Socket s = taken.accept()) {
                        s.getOutputStream().write("hello\n".getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            other.setDaemon(true);
            other.start();
            for (String tool : TOOLS) {
                assertMeasured(dir, tool, taken.getLocalPort() + "," + freePort());
            }
        }
    }

    @Test
    void thePairMovesToItsSecondPortWhenAnotherProcessBoundTheFirst(@TempDir Path dir) throws Exception {
        try (Socket taken = new Socket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            for (String tool : TOOLS) {
                assertMeasured(dir, tool, taken.getLocalPort() + "," + freePort());
            }
        }
    }

    @Test
    void cleanupKillsTheIperf3ServerARoundStartedAndNoClientCameTo(@TempDir Path dir) throws Exception {
        int port = freePort();
        Path round = dir.resolve("round");
        Process p = new ProcessBuilder(NetworkScripts.round(1, 1, round.toString(),
                List.of("r", "iperf3", port + "," + freePort(), "there", "t1-ring-1")).argv()).start();
        try {
            // the server waits for a client for the round's length plus 40 s; binding, not connecting, tells it
            // listens (a connection would be its one client)
            while (free(port)) {
                assertThat(p.isAlive()).as("the round ended before its iperf3 server listened").isTrue();
                Thread.sleep(50);
            }
            Process cleanup = new ProcessBuilder(NetworkScripts.cleanup(List.of(round.toString())).argv()).start();
            assertThat(cleanup.waitFor()).isZero();
            p.waitFor();
            assertThat(ProcessHandle.allProcesses().map(h -> h.info().commandLine().orElse(""))
                    .filter(c -> c.contains("iperf3 -s -1 -p " + port))).as("left running").isEmpty();
            assertThat(free(port)).isTrue();
        } finally {
            p.destroyForcibly();
        }
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static void assertMeasured(Path dir, String tool, String ports) throws Exception {
        Command c = NetworkScripts.round(1, 2, dir.resolve("round").toString(), List.of(
                "r", tool, ports, "here", "t1-ring-1",
                "s", tool, "127.0.0.1", ports, "here", "t1-ring-1"));
        Process p = new ProcessBuilder(c.argv()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out + err).isZero();

        Map<String, String> sections = DriveBench.sections(out);
        assertThat(sections).as(out).containsOnlyKeys("r here", "s here");
        if (tool.equals("iperf3")) {
            // iperf3's client reports what its server received
            TransferResult t = Iperf3JsonParser.parse(sections.get("s here"));
            assertThat(t.measured()).as(out).isTrue();
            assertThat(t.bytes()).as(out).isPositive();
        } else {
            TransferResult received = StreamSummaryParser.parse(sections.get("r here"));
            assertThat(received.measured()).as(out).isTrue();
            Matcher sent = SENT.matcher(sections.get("s here"));
            assertThat(sent.find()).as(out).isTrue();
            assertThat(received.bytes()).as(out).isEqualTo(Long.parseLong(sent.group(1)));
        }
        assertThat(Files.exists(dir.resolve("round"))).isFalse();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
