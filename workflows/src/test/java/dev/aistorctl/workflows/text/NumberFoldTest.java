package dev.aistorctl.workflows.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class NumberFoldTest {

    @Test
    void linesThatDifferOnlyInOneNumberAreOneLineWithARange() {
        List<String> lines = IntStream.rangeClosed(1, 8).mapToObj(i -> "mount point /mnt/drive" + i + ": (absent) -> directory").toList();
        assertThat(NumberFold.fold(lines)).containsExactly("mount point /mnt/drive{1...8}: (absent) -> directory");
    }

    @Test
    void numbersThatMoveTogetherAreRangesSideBySide() {
        List<String> lines = IntStream.rangeClosed(1, 4)
                .mapToObj(i -> "mount /mnt/drive" + i + ": not mounted -> LABEL=c-d" + i + " (/dev/loop" + (i + 11) + ")").toList();
        assertThat(NumberFold.fold(lines))
                .containsExactly("mount /mnt/drive{1...4}: not mounted -> LABEL=c-d{1...4} (/dev/loop{12...15})");
    }

    @Test
    void numbersOutOfOrderAreListedInTheLinesOrderSoEachLineCanBeReadBack() {
        List<String> lines = List.of("mount /mnt/drive1: LABEL=d1 (/dev/nvme3n1)", "mount /mnt/drive2: LABEL=d2 (/dev/nvme1n1)",
                "mount /mnt/drive3: LABEL=d3 (/dev/nvme2n1)");
        assertThat(NumberFold.fold(lines)).containsExactly("mount /mnt/drive{1...3}: LABEL=d{1...3} (/dev/nvme{3,1,2}n1)");
    }

    @Test
    void linesOfAnotherShapeStayAsTheyAreInTheirOrder() {
        List<String> lines = List.of("sysctl net.core.somaxconn: 4096 -> 65535", "owner of /mnt/drive1: (not mounted) -> minio-user",
                "sysctl vm.swappiness: 60 -> 1", "owner of /mnt/drive2: (not mounted) -> minio-user");
        assertThat(NumberFold.fold(lines)).containsExactly("sysctl net.core.somaxconn: 4096 -> 65535",
                "owner of /mnt/drive{1...2}: (not mounted) -> minio-user", "sysctl vm.swappiness: 60 -> 1");
    }
}
