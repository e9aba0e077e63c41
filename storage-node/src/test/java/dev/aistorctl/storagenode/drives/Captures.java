package dev.aistorctl.storagenode.drives;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.facts.capture.CaptureBundle;
import dev.aistorctl.core.text.ByteSize;
import dev.aistorctl.inventory.DriveRule;
import dev.aistorctl.inventory.DriveSelector;
import dev.aistorctl.inventory.Transport;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/** Capture bundles for the tests: recorded ones from the resources and the shared fixtures, and hand-made ones. */
final class Captures {
    private Captures() {
    }

    /** A recorded capture under src/test/resources/lsblk/NAME. */
    static CaptureBundle recorded(String name) {
        URL url = Captures.class.getResource("/lsblk/" + name);
        assertThat(url).as("test resource lsblk/" + name).isNotNull();
        try {
            return CaptureBundle.read(Paths.get(url.toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A bundle of the shared fixtures (../fixtures/emulated/NAME), found through the build's system property. */
    static CaptureBundle emulated(String name) {
        String root = System.getProperty("aistorctl.fixtures");
        assertThat(root).as("system property aistorctl.fixtures (set by the Maven build)").isNotBlank();
        return CaptureBundle.read(Path.of(root, "emulated", name));
    }

    /** The lab's rule: 4 drives, transport any, 1984 MiB to 2 GiB, /mnt/drive{1...4}. */
    static DriveRule labRule() {
        return rule(4, new DriveSelector(Transport.ANY, Optional.empty(), Optional.of(ByteSize.parse("1984MiB")),
                Optional.of(ByteSize.parse("2GiB")), List.of()));
    }

    static DriveRule rule(int count, DriveSelector select) {
        List<String> mounts = new ArrayList<>();
        IntStream.rangeClosed(1, count).forEach(i -> mounts.add("/mnt/drive" + i));
        return new DriveRule(count, select, "/mnt/drive{1..." + count + "}", mounts);
    }

    static DriveSelector nvme(String model) {
        return new DriveSelector(Transport.NVME, Optional.ofNullable(model), Optional.empty(), Optional.empty(), List.of());
    }

    static HostDrives discover(CaptureBundle bundle, DriveRule rule, String cluster) {
        return DriveDiscovery.discover("node1", bundle, Optional.of("pool1"), Optional.ofNullable(rule), Optional.ofNullable(cluster));
    }

    static DriveCandidate device(HostDrives host, String name) {
        return host.devices().stream().filter(c -> c.drive().name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no device " + name + " in " + host.devices()));
    }

    static List<String> messages(DriveCandidate c) {
        return c.denyReasons().stream().map(DenyReason::message).toList();
    }

    static List<String> codes(DriveCandidate c) {
        return c.denyReasons().stream().map(DenyReason::code).toList();
    }

    /** A hand-made bundle: lsblk JSON plus whichever other sources a test gives. */
    static Hand hand(String lsblkDevices) {
        return new Hand(lsblkDevices);
    }

    static final class Hand {
        private final CaptureBundle.Builder b = CaptureBundle.builder("node1");

        Hand(String devices) {
            b.file("lsblk.json", "{\"blockdevices\": [" + devices + "]}");
            b.file("mounts.txt", "27 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw\n");
            b.file("fstab.txt", "");
            b.file("swaps.txt", "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n");
        }

        Hand file(String name, String text) {
            b.file(name, text);
            return this;
        }

        /** signatures.txt for devices that carry nothing. */
        Hand blank(String... devices) {
            StringBuilder t = new StringBuilder();
            for (String d : devices) {
                t.append("@device ").append(d).append(" 0\n{\n   \"signatures\": [\n\n   ]\n}\n");
            }
            return file("signatures.txt", t.toString());
        }

        CaptureBundle build() {
            return b.build();
        }
    }

    /** One lsblk -J -b -O device (the fields eligibility reads), children given as JSON. */
    static String disk(String name, String type, long size, String tran, String model, String serial, String children) {
        return """
                {"name": "%s", "path": "/dev/%s", "type": "%s", "size": %d, "tran": %s, "model": %s, "serial": %s,
                 "wwn": null, "rota": false, "ro": false, "rm": false, "fstype": null, "label": null, "uuid": null,
                 "mountpoints": [null], "children": [%s]}""".formatted(name, name, type, size, quote(tran), quote(model),
                quote(serial), children == null ? "" : children);
    }

    static String quote(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }
}
