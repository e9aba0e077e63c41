package dev.aistorctl.facts.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.Connector;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.facts.FactsAssembler;
import dev.aistorctl.facts.capture.Gatherer;
import dev.aistorctl.facts.facts.BlockDevice;
import dev.aistorctl.facts.facts.HostFacts;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The OSHI path and the capture path, run on this machine, describe the same machine. */
class LocalCollectorTest {

    @Test
    void oshiAndTheGatherScriptAgree() {
        HostFacts oshi = new LocalCollector().collect();
        HostFacts captured = FactsAssembler.from(Gatherer.gather(new ShConnector()));

        assertThat(oshi.cpu().threads()).isEqualTo(captured.cpu().threads());
        // the vector-extension rule reads them: sse4_2/avx2 on x86, asimd on Arm
        assertThat(oshi.cpu().flags()).isNotEmpty().isEqualTo(captured.cpu().flags());
        // MemTotal is read twice, moments apart; a balloon driver or memory hotplug (this build host
        // is a VM with a balloon device) can move it between reads, so allow 1%.
        assertThat(oshi.memory().totalBytes().doubleValue())
                .isCloseTo(captured.memory().totalBytes().doubleValue(), within(captured.memory().totalBytes() * 0.01));
        assertThat(names(captured)).isNotEmpty();
        assertThat(names(oshi)).isEqualTo(names(captured));
        assertThat(oshi.pci()).isEqualTo(captured.pci().stream()
                .map(p -> new dev.aistorctl.facts.facts.PciDevice(p.address(), p.classCode(), null, null, p.link()))
                .toList());
        assertThat(oshi.os().id()).isEqualTo(captured.os().id());
        assertThat(oshi.os().kernel()).isEqualTo(captured.os().kernel());
        assertThat(oshi.cpufreq()).isEqualTo(captured.cpufreq());
    }

    /** Whole disks with a size, as both see them: lsblk also lists empty and virtual ones (zram with size 0). */
    private static Set<String> names(HostFacts f) {
        return f.blockDevices().stream()
                .filter(b -> "disk".equals(b.type()) && b.sizeBytes() != null && b.sizeBytes() > 0)
                .filter(b -> !b.name().startsWith("loop") && !b.name().startsWith("ram"))
                .map(BlockDevice::name).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /** Local {@code sh -c}, enough to run the gather script here. */
    private static final class ShConnector implements Connector {
        @Override
        public String host() {
            return "localhost";
        }

        @Override
        public ExecResult run(Command command, byte[] stdin, Duration timeout) {
            try {
                long start = System.nanoTime();
                Process p = new ProcessBuilder("sh", "-c", command.toShellLine()).redirectErrorStream(false).start();
                p.getOutputStream().close();
                var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return p.getErrorStream().readAllBytes();
                    } catch (IOException e) {
                        return new byte[0];
                    }
                });
                byte[] out = p.getInputStream().readAllBytes();
                int rc = p.waitFor();
                return new ExecResult(rc, out, err.join(), Duration.ofNanos(System.nanoTime() - start));
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void put(byte[] content, String remotePath, int mode) {
            throw new UnsupportedOperationException();
        }

        @Override
        public byte[] get(String remotePath) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }
}
