package dev.aistorctl.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Each named form with the texts its callers print today. */
class ByteSizeTest {
    private static final long GIB = 1L << 30;

    @Test
    void parsesDecimalAndBinaryUnits() {
        assertThat(ByteSize.parse("15.36TB").bytes()).isEqualTo(15_360_000_000_000L);
        assertThat(ByteSize.parse("512 GiB").bytes()).isEqualTo(512 * GIB);
        assertThat(ByteSize.parse("2G").bytes()).isEqualTo(2_000_000_000L);
        assertThat(ByteSize.parse("1024").bytes()).isEqualTo(1024L);
        assertThatThrownBy(() -> ByteSize.parse("12 XB")).hasMessageContaining("unknown unit 'XB'");
        assertThatThrownBy(() -> new ByteSize(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decimalAsADatasheetPrintsIt() {
        assertThat(ByteSize.decimal(15_360_000_000_000L)).isEqualTo("15.36 TB");
        assertThat(ByteSize.decimal(737_280_000_000_000L)).isEqualTo("737.28 TB");
        assertThat(ByteSize.decimal(2_000_000_000L)).isEqualTo("2 GB");
        assertThat(ByteSize.decimal(25_769_803_776L)).as("cut, not rounded").isEqualTo("25.76 GB");
        assertThat(new ByteSize(100).human()).isEqualTo("100 B");
    }

    @Test
    void decimalTwoPlacesForReportColumns() {
        assertThat(ByteSize.decimalTwoPlaces(25_769_803_776L)).isEqualTo("25.77 GB");
        assertThat(ByteSize.decimalTwoPlaces(2_000_000_000L)).isEqualTo("2.00 GB");
        assertThat(ByteSize.decimalTwoPlaces(1500)).isEqualTo("1.50 kB");
        assertThat(ByteSize.decimalTwoPlaces(999)).isEqualTo("999 B");
    }

    @Test
    void binaryAsLsblkShowsIt() {
        assertThat(ByteSize.binary(2 * GIB)).isEqualTo("2.0 GiB");
        assertThat(ByteSize.binary(512L << 20)).isEqualTo("512.0 MiB");
        assertThat(ByteSize.binary(512)).isEqualTo("512 B");
    }

    @Test
    void wholeUnitsForInventoryLimits() {
        assertThat(ByteSize.whole(1984L << 20)).isEqualTo("1984 MiB");
        assertThat(ByteSize.whole(2 * GIB)).isEqualTo("2 GiB");
        assertThat(ByteSize.whole(15_360_000_000_000L)).as("a multiple of 1024").isEqualTo("15000000000 KiB");
        assertThat(ByteSize.whole(15_362_991_415_297L)).isEqualTo("15.36 TB");
    }

    @Test
    void preciseForFindings() {
        assertThat(ByteSize.precise(512 * GIB)).isEqualTo("512 GiB");
        assertThat(ByteSize.precise(15_362_991_415_296L)).isEqualTo("15.36 TB (15362991415296 bytes)");
        assertThat(ByteSize.precise(1000)).isEqualTo("1 kB (1000 bytes)");
    }
}
