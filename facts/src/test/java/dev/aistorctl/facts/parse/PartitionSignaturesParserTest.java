package dev.aistorctl.facts.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.facts.capture.Gatherer;
import dev.aistorctl.facts.capture.Sources;
import dev.aistorctl.facts.parse.PartitionSignaturesParser.PartitionProbe;
import dev.aistorctl.facts.parse.SignaturesParser.Signature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartitionSignaturesParserTest {
    private static String resource(String name) throws IOException {
        try (InputStream in = PartitionSignaturesParserTest.class.getResourceAsStream("partition-signatures/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void a_filesystem_where_a_wiped_partition_started_is_found_with_that_start() throws IOException {
        Map<String, PartitionProbe> probes = PartitionSignaturesParser.parse(resource("loops.txt"));

        assertThat(probes).containsOnlyKeys("loop4", "loop5", "loop6", "loop7");
        assertThat(probes.values()).allMatch(PartitionProbe::ok);
        assertThat(probes.get("loop4").found()).containsExactly(new Signature("ext4", "filesystem", "olddata",
                "31f1cbd2-7b26-4e46-a056-fc018b7d7b41", null, 1048576L));
        assertThat(probes.get("loop6").found()).singleElement().satisfies(s -> {
            assertThat(s.type()).isEqualTo("ext4");
            assertThat(s.label()).isNull();
            assertThat(s.partitionStart()).isEqualTo(32256L);
        });
        assertThat(probes.get("loop5").found()).as("blank").isEmpty();
        assertThat(probes.get("loop7").found()).as("a whole-device XFS shows nothing at partition offsets").isEmpty();
    }

    @Test
    void a_failed_probe_is_an_error_not_a_blank_device() {
        Map<String, PartitionProbe> probes = PartitionSignaturesParser.parse("""
                @device sr0 32256 8
                blkid: error: /dev/sr0: No medium found
                @device sr0 258048 2

                @device sda 1048576 0
                DEVNAME=/dev/sda
                LABEL=my\\ data
                TYPE=xfs
                USAGE=filesystem
                @device sdb 1048576 0
                DEVNAME=/dev/sdb
                """);

        assertThat(probes.get("sr0").ok()).isFalse();
        assertThat(probes.get("sr0").error()).isEqualTo("blkid -p at byte 32256 exited 8: blkid: error: /dev/sr0: No medium found");
        assertThat(probes.get("sda").found()).singleElement().satisfies(s -> assertThat(s.label()).isEqualTo("my data"));
        assertThat(probes.get("sdb").ok()).as("something answered without a type: doubt is not blank").isFalse();
    }

    @Test
    void a_malformed_header_is_refused() {
        assertThatThrownBy(() -> PartitionSignaturesParser.parse("@device sda 0\n")).hasMessageContaining("malformed line");
    }

    @Test
    void the_gather_script_probes_every_whole_device_at_the_partition_offsets() {
        assertThat(Gatherer.script()).contains("run partition-signatures.txt probe_signatures ", "probe_signatures() {",
                "for o in 32256 258048 1048576 8388608; do", "blkid -p -O \"$o\" -o export \"/dev/$n\"");
        assertThat(Sources.ALL).contains(Sources.PARTITION_SIGNATURES);
    }
}
