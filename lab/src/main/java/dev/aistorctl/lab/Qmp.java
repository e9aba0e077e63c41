package dev.aistorctl.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.BufferedReader;
import java.io.InputStreamReader;

/**
 * The few QEMU monitor (QMP) commands the lab sends to a VM host over its unix socket: an ACPI
 * power-button press for a clean poweroff, device removal, a drive's I/O throttle, and quit. One JSON
 * object a line.
 */
final class Qmp {
    private Qmp() {
    }

    /** Presses the guest's power button; the guest shuts down cleanly and QEMU exits. */
    static void powerdown(Path socket) throws IOException {
        execute(socket, "{\"execute\":\"system_powerdown\"}");
    }

    /**
     * Pulls a device out and waits until the guest has let go of it (QEMU's DEVICE_DELETED event): a PCIe
     * hot-unplug needs the guest's driver to answer the attention button, seconds under emulation.
     */
    static void deviceDel(Path socket, String id, java.time.Duration timeout) throws IOException {
        String safe = id.replace("\"", "");
        try (SocketChannel ch = connect(socket)) {
            BufferedReader in = negotiate(ch);
            send(ch, "{\"execute\":\"device_del\",\"arguments\":{\"id\":\"" + safe + "\"}}");
            expectReturn(in, "device_del " + safe);
            java.util.concurrent.ExecutorService reader = java.util.concurrent.Executors.newSingleThreadExecutor();
            try {
                java.util.concurrent.Future<Boolean> deleted = reader.submit(() -> {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        if (line.contains("DEVICE_DELETED") && line.matches(".*\"device\": *\"" + java.util.regex.Pattern.quote(safe) + "\".*")) {
                            return true;
                        }
                    }
                    return false;
                });
                if (!deleted.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    throw new IOException("QMP device_del " + safe + ": the monitor closed before the guest let go of the device");
                }
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IOException("QMP device_del " + safe + ": the guest did not let go of the device within "
                        + timeout.toSeconds() + " s", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IOException("QMP device_del " + safe + ": " + e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("QMP device_del " + safe + ": interrupted", e);
            } finally {
                reader.shutdownNow();
            }
        }
    }

    /**
     * Holds the drive of guest device {@code id} (its qdev id, e.g. nvme2) to exactly {@code limits}, in QEMU's block
     * layer: requests beyond them wait in QEMU, so the guest's kernel sees a slow drive, and a power cut (QEMU killed)
     * loses the writes waiting there as a server loses what its drive had not yet written.
     */
    static void setIoThrottle(Path socket, String id, DriveThrottle limits) throws IOException {
        execute(socket, ioThrottleCommand(id, limits));
    }

    /** The command {@link #setIoThrottle} sends: QEMU wants every limit named, 0 for none. */
    static String ioThrottleCommand(String id, DriveThrottle limits) {
        return "{\"execute\":\"block_set_io_throttle\",\"arguments\":{\"id\":\"" + id.replace("\"", "")
                + "\",\"bps\":0,\"bps_rd\":" + limits.readBytesPerSecond() + ",\"bps_wr\":" + limits.writeBytesPerSecond()
                + ",\"iops\":0,\"iops_rd\":0,\"iops_wr\":0}}";
    }

    /** Each guest block device's limits, by qdev id, from query-block. */
    static Map<String, DriveThrottle> ioThrottles(Path socket) throws IOException {
        Map<String, DriveThrottle> out = new LinkedHashMap<>();
        JsonNode answer = new ObjectMapper().readTree(execute(socket, "{\"execute\":\"query-block\"}"));
        for (JsonNode device : answer.path("return")) {
            JsonNode inserted = device.path("inserted");
            if (device.hasNonNull("qdev") && !inserted.isMissingNode()) {
                out.put(device.get("qdev").asText(), new DriveThrottle(inserted.path("bps_rd").asLong(), inserted.path("bps_wr").asLong()));
            }
        }
        return out;
    }

    static boolean available(Path socket) {
        return Files.exists(socket);
    }

    /** Sends one command and returns the monitor's answer line. */
    private static String execute(Path socket, String command) throws IOException {
        try (SocketChannel ch = connect(socket)) {
            BufferedReader in = negotiate(ch);
            send(ch, command);
            return expectReturn(in, command);
        }
    }

    private static SocketChannel connect(Path socket) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
            return ch;
        } catch (IOException e) {
            ch.close();
            throw e;
        }
    }

    /** Reads the monitor's greeting and leaves capabilities negotiation, after which it takes commands. */
    private static BufferedReader negotiate(SocketChannel ch) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8));
        in.readLine();
        send(ch, "{\"execute\":\"qmp_capabilities\"}");
        expectReturn(in, "qmp_capabilities");
        return in;
    }

    private static void send(SocketChannel ch, String json) throws IOException {
        ByteBuffer b = ByteBuffer.wrap((json + "\n").getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** Reads past asynchronous events to the command's answer, and returns it. */
    private static String expectReturn(BufferedReader in, String what) throws IOException {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.contains("\"return\"")) {
                return line;
            }
            if (line.contains("\"error\"")) {
                throw new IOException("QMP " + what + ": " + line);
            }
        }
        throw new IOException("QMP " + what + ": the monitor closed the connection");
    }
}
