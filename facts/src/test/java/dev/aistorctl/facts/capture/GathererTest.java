package dev.aistorctl.facts.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.facts.FactsAssembler;
import dev.aistorctl.facts.facts.HostFacts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gather script run for real on this machine through local execution, as a remote host would run it. */
class GathererTest {

    @Test
    void gathersEverySourceInOneRunWithExitCodes() throws Exception {
        CaptureBundle b = Gatherer.gather(new ProcessConnector());

        assertThat(b.host()).isEqualTo("localhost");
        for (String file : new String[] {"lscpu.txt", "cpuinfo.txt", "meminfo.txt", "os-release.txt", "uname.txt",
                "lsblk.json", "pci-links.txt", "ip-link.json", "mounts.txt", "fstab.txt", "sysctl.txt"}) {
            assertThat(b.entry(file)).as(file).hasValueSatisfying(e -> {
                assertThat(e.exitCode()).as(file + " exit code").isZero();
                assertThat(e.durationMillis()).isNotNull().isNotNegative();
                assertThat(e.source()).isNotBlank();
            });
        }
        // the same bytes the file holds, read directly
        assertThat(b.bytes("os-release.txt").orElseThrow()).isEqualTo(Files.readAllBytes(Path.of("/etc/os-release")));
        assertThat(b.text("lscpu.txt").orElseThrow()).contains("Architecture:");
        assertThat(b.entries()).containsKeys("nvme-list.json", "dmidecode-memory.txt", "cpufreq.txt", "lspci-vvv.txt",
                "versions.txt", "nvme-sysfs.txt", "net-devices.txt", "swaps.txt", "block-sysfs.txt", "signatures.txt");
        assertThat(b.entry("swaps.txt").orElseThrow().exitCode()).isZero();
        assertThat(b.entry("block-sysfs.txt").orElseThrow().exitCode()).isZero();
        assertThat(dev.aistorctl.facts.parse.BlockSysfsParser.parse(b.text("block-sysfs.txt").orElseThrow()))
                .as("every disk of this machine").isNotEmpty();
        dev.aistorctl.facts.parse.SignaturesParser.parse(b.text("signatures.txt").orElseThrow());
    }

    @Test
    void aMissingToolIsRecordedAsExit127NotFatal() {
        // a PATH without nvme: the script still finishes and records the failure
        CaptureBundle b = Gatherer.gather(new ProcessConnector() {
            @Override
            public dev.aistorctl.core.ExecResult run(dev.aistorctl.core.Command c, byte[] in, java.time.Duration t) {
                String script = c.argv().get(2).replace("run nvme-list.json 'nvme list -o json'",
                        "run nvme-list.json 'no-such-tool-here list -o json'");
                return super.run(dev.aistorctl.core.Command.script(script).withEnv("LC_ALL", "C"), in, t);
            }
        });
        CaptureEntry e = b.entry("nvme-list.json").orElseThrow();
        assertThat(e.exitCode()).isEqualTo(127);
        assertThat(e.toolMissing()).isTrue();
        HostFacts f = FactsAssembler.from(b);
        assertThat(f.sources().failed()).anySatisfy(s -> {
            assertThat(s.file()).isEqualTo("nvme-list.json");
            assertThat(s.toolMissing()).isTrue();
        });
    }

    @Test
    void localCaptureGivesTheFactsOfThisMachine() throws Exception {
        HostFacts f = FactsAssembler.from(Gatherer.gather(new ProcessConnector()));
        assertThat(f.cpu().threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(f.memory().totalBytes()).isPositive();
        assertThat(f.os().kernel()).isNotBlank();
        assertThat(f.blockDevices()).isNotEmpty();
        assertThat(f.nics()).isNotEmpty();
    }

    @Test
    void streamRoundTripIsByteExact() {
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        CaptureBundle b = CaptureBundle.builder("h1")
                .source("lscpu.txt", "lscpu", 0, 12, "Architecture: x\n@@ fake 0 0 0 0 header\n".getBytes(StandardCharsets.UTF_8), new byte[0])
                .source("odd.bin", "cat odd", 0, 1, binary, "warn\n".getBytes(StandardCharsets.UTF_8))
                .source("nvme-list.json", "nvme list -o json", 127, 3, new byte[0], "sh: nvme: not found\n".getBytes(StandardCharsets.UTF_8))
                .build();
        CaptureBundle back = CaptureStream.parse("h1", CaptureStream.write(b));
        assertThat(back.bytes("odd.bin").orElseThrow()).isEqualTo(binary);
        assertThat(back.text("lscpu.txt")).isEqualTo(b.text("lscpu.txt"));
        assertThat(back.entry("nvme-list.json").orElseThrow().exitCode()).isEqualTo(127);
        assertThat(back.stderr("odd.bin")).hasValue("warn\n");
    }

    @Test
    void aStreamCutShortIsRefused() {
        byte[] full = CaptureStream.write(CaptureBundle.builder("h").source("a.txt", "x", 0, 0,
                "hello".getBytes(StandardCharsets.UTF_8), new byte[0]).build());
        byte[] cut = java.util.Arrays.copyOf(full, full.length - 7);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CaptureStream.parse("h", cut))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void savedCaptureReadsBackTheSame(@TempDir Path dir) {
        CaptureBundle b = Gatherer.gather(new ProcessConnector());
        b.write(dir.resolve("node1"));
        CaptureBundle back = CaptureBundle.hostsIn(dir).get("node1");
        assertThat(back.fileNames()).isEqualTo(b.fileNames());
        for (String f : b.fileNames()) {
            assertThat(back.bytes(f).orElseThrow()).as(f).isEqualTo(b.bytes(f).orElseThrow());
            assertThat(back.entry(f).orElseThrow().exitCode()).as(f).isEqualTo(b.entry(f).orElseThrow().exitCode());
        }
        assertThat(dir.resolve("node1/manifest.json")).exists();
        assertThat(FactsAssembler.from(back)).isEqualTo(FactsAssembler.from(b.withHost("node1")));
    }
}
