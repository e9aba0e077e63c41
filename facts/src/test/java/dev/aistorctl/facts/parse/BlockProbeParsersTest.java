package dev.aistorctl.facts.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.facts.capture.Gatherer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sources drive eligibility reads beyond lsblk: /proc/swaps, block sysfs and the wipefs probe. */
class BlockProbeParsersTest {
    @Test
    void swaps() {
        var swaps = SwapsParser.parse("""
                Filename				Type		Size		Used		Priority
                /dev/nvme0n1p3                          partition	8388604		0		-2
                /swap\\040file                           file		1048572		0		-3
                """);
        assertThat(swaps).containsExactly(new SwapsParser.SwapArea("/dev/nvme0n1p3", "partition", 8388604L),
                new SwapsParser.SwapArea("/swap file", "file", 1048572L));
        assertThat(SwapsParser.parse("Filename\tType\tSize\tUsed\tPriority\n")).isEmpty();
    }

    @Test
    void blockSysfsWithPartitionsHoldersAndThePciFunction() {
        var blocks = BlockSysfsParser.parse("""
                nvme0n1	-	259:0	-	0	0	30001856512	/sys/devices/pci0000:00/0000:00:01.1/0000:01:00.0/nvme/nvme0/nvme0n1
                sda	-	8:0	-	0	1	62521344	/sys/devices/pci0000:00/0000:00:14.0/usb1/1-1/1-1:1.0/host0/target0:0:0/0:0:0:0/block/sda
                sda1	sda	8:1	md0,dm-1	-	-	1000	/sys/devices/pci0000:00/0000:00:14.0/usb1/1-1/1-1:1.0/host0/target0:0:0/0:0:0:0/block/sda/sda1
                loop0	-	7:0	-	1	0	0	/sys/devices/virtual/block/loop0
                """);
        assertThat(blocks).hasSize(4);
        assertThat(blocks.get(0).pciAddress()).isEqualTo("0000:01:00.0");
        assertThat(blocks.get(0).sizeBytes()).isEqualTo(30001856512L * 512);
        assertThat(blocks.get(1).removable()).isTrue();
        assertThat(blocks.get(1).pciAddress()).isEqualTo("0000:00:14.0");
        assertThat(blocks.get(2).disk()).isEqualTo("sda");
        assertThat(blocks.get(2).holders()).containsExactly("md0", "dm-1");
        assertThat(blocks.get(2).readOnly()).isNull();
        assertThat(blocks.get(3).pciAddress()).isNull();
        assertThat(blocks.get(3).readOnly()).isTrue();
    }

    @Test
    void signaturesBlankFoundAndFailed() {
        Map<String, SignaturesParser.Probe> probes = SignaturesParser.parse("""
                @device loop40 0
                {
                   "signatures": [

                   ]
                }
                @device loop44 0
                {
                   "signatures": [
                      {
                         "device": "loop44",
                         "offset": "0x438",
                         "type": "ext4",
                         "uuid": "05c01171-c070-4f9d-8939-fc05fd87e6f7",
                         "label": "system",
                         "usage": "filesystem"
                      }
                   ]
                }
                @device sr0 1
                wipefs: error: /dev/sr0: probing initialization failed: No medium found
                @device sdz 0

                """);
        assertThat(probes.keySet()).containsExactly("loop40", "loop44", "sr0", "sdz");
        assertThat(probes.get("loop40").ok()).isTrue();
        assertThat(probes.get("loop40").signatures()).isEmpty();
        assertThat(probes.get("loop44").signatures()).containsExactly(new SignaturesParser.Signature("ext4", "filesystem",
                "system", "05c01171-c070-4f9d-8939-fc05fd87e6f7", "0x438"));
        assertThat(probes.get("sr0").ok()).isFalse();
        assertThat(probes.get("sr0").error()).contains("No medium found");
        assertThat(probes.get("sdz").ok()).as("wipefs prints nothing for a blank device in some versions").isTrue();
    }

    @Test
    void anXfsSuperblockStillMarkedInProgressIsAFormatThatNeverFinished() {
        String xfs = """
                @device loop4%d 0
                {
                   "signatures": [
                      {"device": "loop4%d", "offset": "0x0", "type": "xfs", "uuid": "01484d74-cee1-4603-a749-0f8a40aa4c03",
                       "label": "3c9ad769d02", "usage": "filesystem"}
                   ]
                }
                """;
        Map<String, SignaturesParser.Probe> probes = SignaturesParser.parse(xfs.formatted(0, 0) + "@xfs-in-progress 1\n"
                + xfs.formatted(1, 1) + "@xfs-in-progress 0\n" + xfs.formatted(2, 2) + "@xfs-in-progress ?\n" + xfs.formatted(3, 3));

        assertThat(probes.get("loop40").signatures()).singleElement().satisfies(s -> {
            assertThat(s.inProgress()).isTrue();
            assertThat(s.unfinishedXfs()).isTrue();
            assertThat(s.label()).isEqualTo("3c9ad769d02");
        });
        assertThat(probes.get("loop41").signatures().get(0).inProgress()).isFalse();
        assertThat(probes.get("loop42").signatures().get(0).inProgress()).as("an unreadable flag stays unknown").isNull();
        assertThat(probes.get("loop43").signatures().get(0).inProgress()).as("a capture from before the flag was read").isNull();
        assertThat(probes.values()).allMatch(SignaturesParser.Probe::ok);
    }

    @Test
    void theGatherScriptCollectsThem() {
        assertThat(Gatherer.script()).contains("run swaps.txt 'copy_file /proc/swaps' 'cat /proc/swaps'", "run block-sysfs.txt block_sysfs ",
                "run signatures.txt signatures ", "block_sysfs() {", "signatures() {", "wipefs --no-act -J -O DEVICE,OFFSET,TYPE,UUID,LABEL,USAGE",
                "@xfs-in-progress", "od -An -v -tu1 -N127");
    }
}
