package dev.aistorctl.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expectations from MinIO's erasure-set selection (cmd/endpoint-ellipses.go) and its documentation. */
class ErasureLayoutTest {

    @ParameterizedTest(name = "{0} hosts x {1} drives: {3} sets of {2} at EC:{4}")
    @CsvSource({
        // hosts, drives per host, set size, set count, parity
        "8, 8, 16, 4, 4",
        "4, 4, 16, 1, 4",
        "3, 4, 12, 1, 4",
        "5, 3, 15, 1, 4",
        "7, 1, 7, 1, 3",
        "1, 1, 1, 1, 0",
        "1, 4, 4, 1, 2",
        "2, 1, 2, 1, 1",
        "1, 3, 3, 1, 1",
        "6, 1, 6, 1, 3",
        "1, 32, 16, 2, 4",
        "16, 4, 16, 4, 4",
        "32, 1, 16, 2, 4",
        "12, 3, 12, 3, 4",
        "6, 6, 12, 3, 4",
        "10, 10, 10, 10, 4",
        "20, 2, 10, 4, 4",
        "24, 1, 12, 2, 4",
    })
    void choosesTheLargestSymmetricSetSizeAndDefaultParity(int hosts, int drives, int setSize, int setCount, int parity) {
        assertThat(ErasureLayout.choose(hosts, drives)).isEqualTo(new ErasureLayout(hosts, drives, setSize, setCount, parity));
    }

    @Test
    void setSizesThatDivideTheTotalButNotSymmetricallyAcrossHostsAreSkipped() {
        // 18 hosts x 1: 9 divides 18 and 18 % 9 == 0; 6 and 3 too; 9 is the largest symmetric size.
        assertThat(ErasureLayout.choose(18, 1).setSize()).isEqualTo(9);
        // 17 hosts x 2 = 34: 2 divides 34 but 17 is not a multiple of 2.
        assertThat(ErasureLayout.tryChoose(17, 2)).isEmpty();
    }

    @Test
    void seventeenSingleDriveHostsAreRefusedWithHostCountsThatWork() {
        ImpossibleErasureLayoutException e = catchThrowableOfType(ImpossibleErasureLayoutException.class,
                () -> ErasureLayout.choose(17, 1));

        assertThat(e.getMessage()).isEqualTo("17 hosts x 1 drive: 17 drives cannot be divided into equal erasure sets of 2 to 16 drives");
        assertThat(e.hint()).contains("no drive count per host works with 17 hosts").contains("16 or 18 hosts would");
    }

    @Test
    void aSingleHostWithAPrimeDriveCountIsRefusedWithTheNearestCountsThatWork() {
        ImpossibleErasureLayoutException e = catchThrowableOfType(ImpossibleErasureLayoutException.class,
                () -> ErasureLayout.choose(1, 17));

        assertThat(e.hint()).isEqualTo("drive counts per host that work with 1 host: 13, 14, 15, 16, 18, 20");
    }

    @Test
    void defaultParityFollowsMinio() {
        int[] expected = {0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 4, 4, 4, 4, 4, 4, 4};
        for (int size = 1; size <= 16; size++) {
            assertThat(ErasureLayout.defaultParity(size)).as("set size %d", size).isEqualTo(expected[size]);
        }
    }

    @Test
    void usableCapacityIsRawTimesDataOverSetSize() {
        ErasureLayout layout = ErasureLayout.choose(8, 8);
        long drive = 15_360_000_000_000L;

        assertThat(layout.dataDrives()).isEqualTo(12);
        assertThat(layout.usableFraction()).isEqualTo(0.75);
        assertThat(layout.rawBytes(drive)).isEqualTo(983_040_000_000_000L);
        assertThat(layout.usableBytes(drive)).isEqualTo(737_280_000_000_000L);
        assertThat(layout.storageClass()).isEqualTo("EC:4");
        assertThat(layout).hasToString("4 sets of 16 drives, EC:4");
    }

    @Test
    void workingDriveCountsAreThoseThatChooseALayout() {
        assertThat(ErasureLayout.workingDrivesPerHost(17, 8)).isEmpty();
        assertThat(ErasureLayout.workingDrivesPerHost(1, 6)).containsExactly(1, 2, 3, 4, 5, 6);
    }
}
