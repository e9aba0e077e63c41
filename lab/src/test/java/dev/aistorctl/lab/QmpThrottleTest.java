package dev.aistorctl.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code lab throttle} sends a VM host's QEMU monitor and how it reads the answers, against a monitor of the
 * test's own on a real unix socket that speaks QMP's greeting and negotiation as QEMU 7.2 does.
 */
class QmpThrottleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** QEMU 7.2's answer to query-block for a data drive held to 128 KiB/s (trimmed), as recorded from a real QEMU. */
    private static final String QUERY_BLOCK = "{\"return\": [{\"device\": \"d1\", \"locked\": false, \"removable\": false,"
            + " \"inserted\": {\"iops_rd\": 0, \"iops_wr\": 0, \"group\": \"nvme1\", \"ro\": false, \"drv\": \"raw\", \"iops\": 0,"
            + " \"bps_wr\": 131072, \"bps\": 0, \"bps_rd\": 131072, \"file\": \"/lab/data1.img\"}, \"qdev\": \"nvme1\", \"type\": \"unknown\"},"
            + " {\"device\": \"d2\", \"inserted\": {\"bps_wr\": 0, \"bps_rd\": 0, \"bps\": 0}, \"qdev\": \"nvme2\"},"
            + " {\"device\": \"system\", \"inserted\": {\"bps_wr\": 0}, \"qdev\": \"/machine/peripheral-anon/device[3]/virtio-backend\"}]}";

    @Test
    void theThrottleNamesTheGuestDeviceAndLimitsReadsAndWritesEveryOtherLimitNone(@TempDir Path dir) throws Exception {
        Monitor monitor = Monitor.start(dir, command -> "{\"return\": {}}");
        Qmp.setIoThrottle(monitor.socket, "nvme2", new DriveThrottle(131072, 131072));

        assertThat(monitor.commands()).hasSize(2);
        assertThat(monitor.commands().get(0).path("execute").asText()).isEqualTo("qmp_capabilities");
        JsonNode sent = monitor.commands().get(1);
        assertThat(sent.path("execute").asText()).isEqualTo("block_set_io_throttle");
        assertThat(sent.path("arguments")).isEqualTo(JSON.readTree(
                "{\"id\":\"nvme2\",\"bps\":0,\"bps_rd\":131072,\"bps_wr\":131072,\"iops\":0,\"iops_rd\":0,\"iops_wr\":0}"));
    }

    @Test
    void eachDirectionIsSetAsGivenNoneLiftsBothAndANegativeLimitIsNeverSent() throws Exception {
        JsonNode writes = JSON.readTree(Qmp.ioThrottleCommand("nvme1", new DriveThrottle(0, 131072))).path("arguments");
        assertThat(writes.path("bps_rd").asLong()).as("reads unlimited").isZero();
        assertThat(writes.path("bps_wr").asLong()).isEqualTo(131072);
        JsonNode lift = JSON.readTree(Qmp.ioThrottleCommand("nvme1", DriveThrottle.NONE)).path("arguments");
        assertThat(lift.path("bps_rd").asLong()).isZero();
        assertThat(lift.path("bps_wr").asLong()).isZero();
        assertThatThrownBy(() -> new DriveThrottle(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRefusalFromQemuIsAnErrorNamingTheCommandAndQemusReason(@TempDir Path dir) throws Exception {
        Monitor monitor = Monitor.start(dir, command -> command.contains("block_set_io_throttle")
                ? "{\"error\": {\"class\": \"GenericError\", \"desc\": \"Device 'nvme9' not found\"}}" : "{\"return\": {}}");
        assertThatThrownBy(() -> Qmp.setIoThrottle(monitor.socket, "nvme9", new DriveThrottle(1024, 1024))).isInstanceOf(IOException.class)
                .hasMessageContaining("block_set_io_throttle").hasMessageContaining("Device 'nvme9' not found");
    }

    @Test
    void theLimitsInForceAreReadByGuestDeviceWithEventsBeforeTheAnswerSkipped(@TempDir Path dir) throws Exception {
        Monitor monitor = Monitor.start(dir, command -> command.contains("query-block")
                ? "{\"timestamp\": {\"seconds\": 1, \"microseconds\": 2}, \"event\": \"RESUME\"}\n" + QUERY_BLOCK : "{\"return\": {}}");
        Map<String, DriveThrottle> limits = Qmp.ioThrottles(monitor.socket);
        assertThat(limits).containsEntry("nvme1", new DriveThrottle(131072, 131072)).containsEntry("nvme2", DriveThrottle.NONE).hasSize(3);
    }

    /** A QMP monitor on a unix socket: greets, answers every command with what {@code answer} gives, records the commands. */
    private record Monitor(Path socket, CompletableFuture<List<JsonNode>> received) {
        static Monitor start(Path dir, Function<String, String> answer) throws IOException {
            Path socket = dir.resolve("qmp.sock");
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            CompletableFuture<List<JsonNode>> received = CompletableFuture.supplyAsync(() -> {
                List<JsonNode> commands = new ArrayList<>();
                try (server; SocketChannel ch = server.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8));
                    write(ch, "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 22, \"minor\": 2, \"major\": 7}}, \"capabilities\": [\"oob\"]}}");
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        commands.add(JSON.readTree(line));
                        write(ch, line.contains("qmp_capabilities") ? "{\"return\": {}}" : answer.apply(line));
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return commands;
            });
            return new Monitor(socket, received);
        }

        /** Every command the client sent, once it closed the connection. */
        List<JsonNode> commands() throws Exception {
            return received.get(10, TimeUnit.SECONDS);
        }

        private static void write(SocketChannel ch, String lines) throws IOException {
            ByteBuffer b = ByteBuffer.wrap((lines + "\n").getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }
    }
}
