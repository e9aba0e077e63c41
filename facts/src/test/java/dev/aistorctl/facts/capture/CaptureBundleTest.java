package dev.aistorctl.facts.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.core.InvalidConfigException;
import dev.aistorctl.facts.FactsAssembler;
import dev.aistorctl.facts.Fixtures;
import dev.aistorctl.facts.facts.HostFacts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureBundleTest {

    @Test
    void aBundleOfTwoBareFilesWithoutManifest(@TempDir Path dir) throws Exception {
        Files.copy(Fixtures.path("real/lscpu/altra-q80-30-2s-mtjade-fdio-csit.txt"), dir.resolve("lscpu.txt"));
        Files.copy(Fixtures.path("real/dmidecode/altra-mtjade-dmidecode-memory.txt"), dir.resolve("dmidecode-memory.txt"));

        HostFacts f = FactsAssembler.from(CaptureBundle.read(dir));

        assertThat(f.cpu().cores()).isEqualTo(160);
        assertThat(f.memory().dimms()).hasSize(16);
        assertThat(f.memory().totalBytes()).as("no meminfo").isNull();
        assertThat(f.nvme()).isNull();
        assertThat(f.sources().present()).containsExactly("dmidecode-memory.txt", "lscpu.txt");
        assertThat(f.sources().missing()).contains("meminfo.txt", "nvme-list.json");
        assertThat(f.sources().whyUnknown("nvme-list.json")).hasValue("nvme-list.json missing from the capture");
        assertThat(f.sources().failed()).isEmpty();
    }

    @Test
    void hostsInAFolderOfBundlesNamesEachBySubfolder(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("node-a"));
        Files.createDirectories(dir.resolve("node-b"));
        Files.writeString(dir.resolve("node-a/meminfo.txt"), "MemTotal: 1024 kB\n");
        Files.writeString(dir.resolve("node-b/uname.txt"), "Linux node-b 5.15.0-122-generic #1 SMP aarch64 GNU/Linux\n");

        var hosts = CaptureBundle.hostsIn(dir);

        assertThat(hosts).containsOnlyKeys("node-a", "node-b");
        assertThat(FactsAssembler.from(hosts.get("node-a")).memory().totalBytes()).isEqualTo(1024L * 1024);
        assertThat(FactsAssembler.from(hosts.get("node-b")).os().machine()).isEqualTo("aarch64");
    }

    @Test
    void theEmulatedFixtureFolderHoldsItsHosts() {
        assertThat(CaptureBundle.hostsIn(Fixtures.path("emulated")))
                .containsOnlyKeys("firecracker-host", "nspawn-debian12", "qemu-x86-nvme", "qemu-vm-lowered-link",
                        "qemu-vm-foreign-drives", "qemu-vm-arm64");
        assertThat(CaptureBundle.hostsIn(Fixtures.path("emulated/qemu-x86-nvme"))).containsOnlyKeys("qemu-x86-nvme");
    }

    @Test
    void aFolderWithoutAnyCaptureIsRefused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "hello");
        assertThatThrownBy(() -> CaptureBundle.hostsIn(dir)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("no capture bundle");
    }

    @Test
    void fileNamesThatLeaveTheFolderAreRefused() {
        assertThatThrownBy(() -> CaptureBundle.builder("h").file("../etc/passwd", "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void whatTheGatherLeftOutTravelsFromTheStreamToTheManifestAndBack(@TempDir Path dir) throws Exception {
        String stream = "AISTORCTL-CAPTURE 1\n"
                + "@@ lscpu.txt 0 10 4 0 lscpu\nCPU\n\n"
                + "@@ partition-signatures.txt 0 20 0 0 blkid -p\n\n"
                + "@@LEFT-OUT lscpu.json not gathered: lscpu.txt holds the same fields\n"
                + "@@LEFT-OUT partition-signatures.txt sda: not probed: wipefs found a signature\n"
                + "@@LEFT-OUT partition-signatures.txt sdb: not probed: wipefs failed\n"
                + "@@END\n";
        CaptureBundle b = CaptureStream.parse("node1", stream.getBytes(StandardCharsets.UTF_8));

        assertThat(b.fileNames()).containsExactly("lscpu.txt", "partition-signatures.txt");
        assertThat(b.entry("lscpu.json").orElseThrow()).isEqualTo(new CaptureEntry("lscpu.json", "lscpu -J", null, null, null,
                List.of("not gathered: lscpu.txt holds the same fields")));
        CaptureEntry partitions = b.entry("partition-signatures.txt").orElseThrow();
        assertThat(partitions.exitCode()).isZero();
        assertThat(partitions.notGathered()).isFalse();
        assertThat(partitions.leftOutLines()).containsExactly("sda: not probed: wipefs found a signature",
                "sdb: not probed: wipefs failed");

        b.write(dir);
        String manifest = Files.readString(dir.resolve(CaptureBundle.MANIFEST));
        assertThat(manifest).contains("\"left_out\" : [ \"not gathered: lscpu.txt holds the same fields\" ]");
        assertThat(dir.resolve("lscpu.json")).doesNotExist();
        CaptureBundle again = CaptureBundle.read(dir);
        assertThat(again.entries()).isEqualTo(b.entries());
        assertThat(CaptureStream.parse("node1", CaptureStream.write(b)).entries()).isEqualTo(b.entries());

        HostFacts f = FactsAssembler.from(again);
        assertThat(f.sources().missing()).as("left out on purpose is not missing").doesNotContain("lscpu.json");
        assertThat(f.sources().failed()).isEmpty();
    }

    @Test
    void aManifestWithoutLeftOutLinesIsWrittenAsBefore(@TempDir Path dir) throws Exception {
        CaptureBundle b = CaptureBundle.builder("node1").source("lscpu.txt", "lscpu", 0, 10, new byte[] {'x'}, new byte[0])
                .build();
        b.write(dir);
        assertThat(Files.readString(dir.resolve(CaptureBundle.MANIFEST))).doesNotContain("left_out");
        assertThat(CaptureBundle.read(dir).entry("lscpu.txt").orElseThrow().leftOutLines()).isEmpty();
    }

    @Test
    void aBadLeftOutLineIsRefused() {
        String stream = "AISTORCTL-CAPTURE 1\n@@LEFT-OUT lscpu.json\n@@END\n";
        assertThatThrownBy(() -> CaptureStream.parse("node1", stream.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad left-out line");
    }

    @Test
    void aManifestFieldThisVersionDoesNotKnowIsIgnored(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("lscpu.txt"), "CPU(s): 8\n");
        Files.writeString(dir.resolve(CaptureBundle.MANIFEST), """
                {"format": "aistorctl-capture/1", "host": "n1", "sources": [
                  {"file": "lscpu.txt", "source": "lscpu", "exit_code": 0, "from_a_later_version": true}]}""");

        assertThat(CaptureBundle.read(dir).entry("lscpu.txt").orElseThrow().exitCode()).isZero();
    }
}
