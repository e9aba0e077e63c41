package dev.aistorctl.storagenode.drives;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aistorctl.core.Json;
import dev.aistorctl.facts.capture.CaptureBundle;
import dev.aistorctl.facts.capture.CaptureEntry;
import dev.aistorctl.facts.capture.Sources;
import dev.aistorctl.facts.parse.PartitionSignaturesParser;
import dev.aistorctl.facts.parse.SignaturesParser;
import dev.aistorctl.facts.parse.SignaturesParser.Probe;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The gather probes partition offsets only on the disks wipefs found blank. On every recorded host that was probed
 * everywhere, the drives read from the bundle the light gather would have made (the other disks' probes dropped and
 * named as left out) are the drives read from the full one: no fact lost.
 */
class LightPartitionProbesTest {

    @Test
    void theDrivesOfEveryRecordedHostAreTheSameWithOnlyTheBlankDisksProbed() {
        // every recorded host with both probes
        List<CaptureBundle> hosts = List.of(Captures.recorded("zapped-partition-table"),
                Captures.emulated("qemu-vm-foreign-drives"), Captures.emulated("qemu-vm-arm64"));
        int leftOut = 0;
        for (CaptureBundle full : hosts) {
            CaptureBundle light = light(full);
            leftOut += PartitionSignaturesParser.leftOut(light.entry(Sources.PARTITION_SIGNATURES.file()).orElseThrow()
                    .leftOutLines()).size();
            JsonNode lightDrives = Json.mapper().valueToTree(BlockDevices.from(light));
            JsonNode fullDrives = Json.mapper().valueToTree(BlockDevices.from(full));
            assertThat(lightDrives).as(full.host()).isEqualTo(fullDrives);
        }
        assertThat(leftOut).as("disks the light gather leaves out across these hosts").isGreaterThanOrEqualTo(5);
    }

    /** {@code full} as the light gather would have gathered it. */
    private static CaptureBundle light(CaptureBundle full) {
        Map<String, Probe> wipefs = SignaturesParser.parse(full.text(Sources.SIGNATURES.file()).orElseThrow());
        String file = Sources.PARTITION_SIGNATURES.file();
        StringBuilder kept = new StringBuilder();
        boolean keep = false;
        for (String line : full.text(file).orElseThrow().split("\n", -1)) {
            if (line.startsWith("@device ")) {
                Probe p = wipefs.get(line.split(" ")[1]);
                keep = p != null && p.ok() && p.signatures().isEmpty();
            }
            if (keep) {
                kept.append(line).append('\n');
            }
        }
        CaptureBundle.Builder b = CaptureBundle.builder(full.host());
        for (String f : full.fileNames()) {
            byte[] bytes = f.equals(file) ? kept.toString().getBytes(StandardCharsets.UTF_8) : full.bytes(f).orElseThrow();
            CaptureEntry e = full.entry(f).orElse(null);
            if (e == null) {
                b.file(f, bytes);
            } else {
                b.source(f, e.source() == null ? "" : e.source(), e.exitCode() == null ? 0 : e.exitCode(),
                        e.durationMillis() == null ? 0 : e.durationMillis(), bytes,
                        full.stderr(f).orElse("").getBytes(StandardCharsets.UTF_8));
            }
        }
        wipefs.forEach((disk, p) -> {
            boolean partition = full.text(file).orElseThrow().lines().noneMatch(l -> l.startsWith("@device " + disk + " "));
            if (!partition && !(p.ok() && p.signatures().isEmpty())) {
                b.leftOut(file, disk + ": " + (p.ok() ? PartitionSignaturesParser.NOT_PROBED_SIGNATURE
                        : PartitionSignaturesParser.NOT_PROBED_WIPEFS_FAILED));
            }
        });
        return b.build();
    }
}
