package dev.aistorctl.playbooks.drives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.storagenode.drives.DriveLabel;
import dev.aistorctl.storagenode.drives.FstabMarker;
import java.util.List;
import org.junit.jupiter.api.Test;

class FstabFileTest {
    private static final String SYSTEM = """
            # /etc/fstab: static file system information.
            UUID=0a3b-11 /               ext4    errors=remount-ro 0       1
            UUID=0a3b-12 none            swap    sw              0       0
            /dev/sr0        /media/cdrom0   udf,iso9660 user,noauto     0       0
            """;

    private static List<FstabFile.Entry> entries(String cluster, int n) {
        return java.util.stream.IntStream.rangeClosed(1, n)
                .mapToObj(i -> new FstabFile.Entry(i, DriveLabel.of(cluster, i), "/mnt/drive" + i, null)).toList();
    }

    @Test
    void ourLinesGoAfterTheOthersWhichAreKeptByteForByte() {
        String merged = FstabFile.merge(SYSTEM, "dc1", entries("dc1", 2));
        String tag = DriveLabel.clusterTag("dc1");
        assertThat(merged).isEqualTo(SYSTEM
                + "# aistorctl data drive 1 of cluster dc1 (written by aistorctl drives prepare)\n"
                + "LABEL=" + tag + "d01 /mnt/drive1 xfs defaults,noatime,nodiratime,nofail,x-systemd.device-timeout=3min,x-systemd.before=minio.service 0 2\n"
                + "# aistorctl data drive 2 of cluster dc1 (written by aistorctl drives prepare)\n"
                + "LABEL=" + tag + "d02 /mnt/drive2 xfs defaults,noatime,nodiratime,nofail,x-systemd.device-timeout=3min,x-systemd.before=minio.service 0 2\n");
        assertThat(FstabFile.merge(merged, "dc1", entries("dc1", 2))).as("idempotent").isEqualTo(merged);
        assertThat(FstabFile.ours(merged)).containsOnlyKeys("/mnt/drive1", "/mnt/drive2");
    }

    @Test
    void ourOldLinesAreReplacedAndLinesAddedLaterByOthersStay() {
        String old = FstabFile.merge(SYSTEM, "dc1", entries("dc1", 3)) + "tmpfs /scratch tmpfs size=1G 0 0\n";
        String merged = FstabFile.merge(old, "dc1", entries("dc1", 2));
        assertThat(merged).startsWith(SYSTEM + "tmpfs /scratch tmpfs size=1G 0 0\n");
        assertThat(FstabFile.ours(merged)).containsOnlyKeys("/mnt/drive1", "/mnt/drive2");
        assertThat(merged).doesNotContain("/mnt/drive3");
    }

    @Test
    void aFileWithoutItsLastNewlineKeepsItsLastLine() {
        assertThat(FstabFile.merge("UUID=1 / ext4 defaults 0 1", "dc1", entries("dc1", 1)))
                .startsWith("UUID=1 / ext4 defaults 0 1\n# aistorctl data drive 1");
    }

    @Test
    void aLineOfSomeoneElseAtOurMountPointIsForAPersonToSettle() {
        assertThatThrownBy(() -> FstabFile.merge(SYSTEM + "/dev/sdb1 /mnt/drive2 ext4 defaults 0 2\n", "dc1", entries("dc1", 2)))
                .hasMessageContaining("/etc/fstab line 5 '/dev/sdb1 /mnt/drive2 ext4 defaults 0 2' is not aistorctl's and names /mnt/drive2");
        String label = DriveLabel.of("dc1", 1).text();
        assertThatThrownBy(() -> FstabFile.merge("LABEL=" + label + " /data xfs defaults 0 2\n", "dc1", entries("dc1", 1)))
                .hasMessageContaining("names label " + label);
    }

    @Test
    void eachMarkerNamesItsDrivesSerialSoAMissingDriveCanBeNamedFromFstabAlone() {
        List<FstabFile.Entry> entries = List.of(new FstabFile.Entry(1, DriveLabel.of("dc1", 1), "/mnt/drive1", "S6EYNA0T1"),
                new FstabFile.Entry(2, DriveLabel.of("dc1", 2), "/mnt/drive2", null));
        String merged = FstabFile.merge(SYSTEM, "dc1", entries);

        assertThat(merged).contains("# aistorctl data drive 1 of cluster dc1, serial S6EYNA0T1 (written by aistorctl drives prepare)\n"
                + "LABEL=" + DriveLabel.of("dc1", 1).text() + " /mnt/drive1 ");
        assertThat(FstabMarker.serials(merged)).containsExactly(java.util.Map.entry("/mnt/drive1", "S6EYNA0T1"));
        assertThat(FstabFile.merge(merged, "dc1", entries)).as("idempotent").isEqualTo(merged);
        assertThat(FstabFile.ours(merged)).containsOnlyKeys("/mnt/drive1", "/mnt/drive2");
    }
}
