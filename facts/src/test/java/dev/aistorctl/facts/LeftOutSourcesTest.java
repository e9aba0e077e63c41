package dev.aistorctl.facts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aistorctl.facts.capture.CaptureBundle;
import dev.aistorctl.facts.capture.CaptureEntry;
import dev.aistorctl.facts.capture.Source;
import dev.aistorctl.facts.capture.Sources;
import dev.aistorctl.facts.facts.FactsJson;
import dev.aistorctl.facts.facts.HostFacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A source the gather runs only in another's place loses no fact: on every captured host where the other answered,
 * the facts without the left-out file are the facts with it.
 */
class LeftOutSourcesTest {

    @Test
    void whereTheOtherAnsweredTheFactsWithoutTheLeftOutFileAreTheSame(@TempDir Path tmp) throws IOException {
        int compared = 0;
        for (Path dir : bundles()) {
            CaptureBundle bundle = CaptureBundle.read(dir);
            HostFacts all = FactsAssembler.from(bundle);
            for (Source<?> twin : List.of(Sources.LSCPU_JSON, Sources.NVME_LIST_TXT)) {
                Source<?> primary = twin.primary().orElseThrow();
                boolean answered = bundle.bytes(primary.file()).map(b -> b.length > 0).orElse(false)
                        && bundle.entry(primary.file()).map(e -> !e.failed()).orElse(true);
                if (!answered || !bundle.has(twin.file())) {
                    continue;
                }
                HostFacts without = FactsAssembler.from(CaptureBundle.read(copyWithout(dir, twin.file(), tmp)));
                String what = dir.getFileName() + " without " + twin.file();
                assertThat(without.cpu()).as(what).isEqualTo(all.cpu());
                assertThat(without.nvme()).as(what).isEqualTo(all.nvme());
                compared++;
            }
        }
        assertThat(compared).as("captured hosts with both twins").isGreaterThanOrEqualTo(8);
    }

    @Test
    void aBundleThatSaysItLeftATwinOutReportsItNeitherMissingNorFailed() {
        CaptureBundle b = CaptureBundle.builder("node1")
                .source("lscpu.txt", "lscpu", 0, 10, "Architecture: x86_64\nCPU(s): 8\n".getBytes(), new byte[0])
                .leftOut("lscpu.json", "not gathered: lscpu.txt holds the same fields")
                .build();

        HostFacts f = FactsAssembler.from(b);

        assertThat(f.cpu().threads()).isEqualTo(8);
        assertThat(f.sources().missing()).doesNotContain("lscpu.json").contains("cpuinfo.txt");
        assertThat(f.sources().failed()).isEmpty();
        assertThat(f.sources().whyUnknown("lscpu.json")).isEmpty();
        assertThat(b.entry("lscpu.json").map(CaptureEntry::notGathered)).hasValue(true);
    }

    @Test
    void factsAsJsonSayWhatTheGatherLeftOutWholeOrInPartAndWhy() throws IOException {
        String skipped = "sda: not probed: wipefs found a signature on the whole disk";
        CaptureBundle b = CaptureBundle.builder("node1")
                .source("lscpu.txt", "lscpu", 0, 10, "Architecture: x86_64\nCPU(s): 8\n".getBytes(), new byte[0])
                .leftOut("lscpu.json", "not gathered: lscpu.txt holds the same fields")
                .source("partition-signatures.txt", "blkid -p -O OFFSET", 0, 10, new byte[0], new byte[0])
                .leftOut("partition-signatures.txt", skipped)
                .build();

        JsonNode leftOut = FactsJson.mapper().readTree(FactsJson.write(FactsAssembler.from(b))).path("sources").path("left_out");

        assertThat(leftOut).hasSize(2);
        assertThat(leftOut.get(0).path("file").asText()).isEqualTo("lscpu.json");
        assertThat(leftOut.get(0).path("gathered").asBoolean()).isFalse();
        assertThat(leftOut.get(0).path("why").get(0).asText()).isEqualTo("not gathered: lscpu.txt holds the same fields");
        assertThat(leftOut.get(1).path("file").asText()).isEqualTo("partition-signatures.txt");
        assertThat(leftOut.get(1).path("source").asText()).isEqualTo("blkid -p -O OFFSET");
        assertThat(leftOut.get(1).path("gathered").asBoolean()).isTrue();
        assertThat(leftOut.get(1).path("why").get(0).asText()).isEqualTo(skipped);
    }

    @Test
    void factsSavedBeforeLeftOutWasReportedReadAsNothingLeftOut() {
        HostFacts old = FactsJson.readHostFacts("""
                {"sources": {"present": ["lscpu.txt"], "missing": [], "failed": []}}""");

        assertThat(old.sources().leftOut()).isEmpty();
    }

    @Test
    void onAHostWithoutNvmeControllersTheTableLeftOutGivesTheDriveListItsFailureGave() {
        byte[] error = "Failed to scan topology: No such file or directory\n".getBytes();
        CaptureBundle.Builder common = CaptureBundle.builder("node1")
                .source("nvme-list.json", "nvme list -o json", 1, 0, new byte[0], error)
                .source("nvme-sysfs.txt", "for c in /sys/class/nvme/nvme*", 0, 0, new byte[0], new byte[0]);
        HostFacts before = FactsAssembler.from(common.source("nvme-list.txt", "nvme list", 1, 0, new byte[0], error).build());
        HostFacts light = FactsAssembler.from(CaptureBundle.builder("node1")
                .source("nvme-list.json", "nvme list -o json", 1, 0, new byte[0], error)
                .source("nvme-sysfs.txt", "for c in /sys/class/nvme/nvme*", 0, 0, new byte[0], new byte[0])
                .leftOut("nvme-list.txt", "not gathered: the kernel has no NVMe controller").build());

        assertThat(light.nvme()).isEqualTo(before.nvme()).isEmpty();
        assertThat(light.sources().missing()).doesNotContain("nvme-list.txt");
        assertThat(light.sources().failed()).extracting(f -> f.file()).containsExactly("nvme-list.json");
    }

    private static List<Path> bundles() throws IOException {
        try (Stream<Path> dirs = Files.list(Fixtures.path("emulated"))) {
            return dirs.filter(Files::isDirectory).filter(d -> Files.exists(d.resolve("lscpu.txt"))).sorted().toList();
        }
    }

    private static Path copyWithout(Path dir, String file, Path tmp) throws IOException {
        Path copy = Files.createTempDirectory(tmp, dir.getFileName().toString());
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (Files.isRegularFile(f) && !name.equals(file) && !name.equals(file + ".err")) {
                    Files.copy(f, copy.resolve(name));
                }
            }
        }
        return copy;
    }
}
