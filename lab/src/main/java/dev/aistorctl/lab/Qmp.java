package dev.aistorctl.lab;

import java.io.IOException;
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
 * power-button press for a clean poweroff, device removal, and quit. One JSON object a line.
 */
final class Qmp {
    private Qmp() {
    }

    /** Presses the guest's power button; the guest shuts down cleanly and QEMU exits. */
    static void powerdown(Path socket) throws IOException {
        execute(socket, "{\"execute\":\"system_powerdown\"}");
    }

    /** Pulls a device out of the running guest, as a hot-unplug would (the guest's driver lets go). */
    static void deviceDel(Path socket, String id) throws IOException {
        execute(socket, "{\"execute\":\"device_del\",\"arguments\":{\"id\":\"" + id.replace("\"", "") + "\"}}");
    }

    static boolean available(Path socket) {
        return Files.exists(socket);
    }

    private static void execute(Path socket, String command) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8));
            in.readLine();
            send(ch, "{\"execute\":\"qmp_capabilities\"}");
            expectReturn(in, "qmp_capabilities");
            send(ch, command);
            expectReturn(in, command);
        }
    }

    private static void send(SocketChannel ch, String json) throws IOException {
        ByteBuffer b = ByteBuffer.wrap((json + "\n").getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** Reads past asynchronous events to the command's answer. */
    private static void expectReturn(BufferedReader in, String what) throws IOException {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.contains("\"return\"")) {
                return;
            }
            if (line.contains("\"error\"")) {
                throw new IOException("QMP " + what + ": " + line);
            }
        }
        throw new IOException("QMP " + what + ": the monitor closed the connection");
    }
}
