package dev.aistorctl.inventory;

import dev.aistorctl.core.text.ByteSize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.core.config.Suggestion;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Sizes, durations and host addresses as the inventory spells them. */
class ValueParsingTest {

    @ParameterizedTest
    @CsvSource({
        "15TB, 15000000000000",
        "15T, 15000000000000",
        "15.36 TB, 15360000000000",
        "14TiB, 15393162788864",
        "2G, 2000000000",
        "2gb, 2000000000",
        "512MiB, 536870912",
        "4096, 4096",
        "1.5KiB, 1536",
        "1PB, 1000000000000000",
    })
    void sizesAreDecimalWithoutIAndBinaryWithIt(String text, long bytes) {
        assertThat(ByteSize.parse(text).bytes()).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "TB", "15 XB", "-1TB", "15TBB", "1e3", "99999999999EB", "99999999PiB"})
    void whatIsNotASizeIsRefused(String text) {
        assertThatThrownBy(() -> ByteSize.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sizesPrintAsADatasheetDoes() {
        assertThat(ByteSize.parse("15.36TB").human()).isEqualTo("15.36 TB");
        assertThat(new ByteSize(737_280_000_000_000L).human()).isEqualTo("737.28 TB");
    }

    @ParameterizedTest
    @CsvSource({"10s, PT10S", "5m, PT5M", "1h30m, PT1H30M", "500ms, PT0.5S", "2h0m5s, PT2H5S"})
    void durationsReadAsGoWritesThem(String text, Duration expected) {
        assertThat(DurationText.parse(text)).isEqualTo(expected);
        assertThat(DurationText.parse(DurationText.format(expected))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10", "", "10 s", "s", "5m1h", "1m1m", "0s", "1d", "1.5h", "-5s"})
    void whatIsNotADurationIsRefused(String text) {
        assertThatThrownBy(() -> DurationText.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"node01.dc1.example.net", "localhost", "10.10.0.11", "2001:db8::1", "::1", "a-b.c", "NODE1"})
    void validHostNames(String text) {
        assertThat(HostAddress.problem(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-node", "node-", "node_1", "a..b", "10.0.0.256", "10.0.0", "010.0.0.1", "2001:db8::g",
        "fe80::1%eth0", "node.", "a b"})
    void invalidHostNames(String text) {
        assertThat(HostAddress.problem(text)).isPresent();
    }

    @Test
    void aLabelLongerThanSixtyThreeCharactersIsNotADnsName() {
        assertThat(HostAddress.isValid("a".repeat(63) + ".net")).isTrue();
        assertThat(HostAddress.isValid("a".repeat(64) + ".net")).isFalse();
    }

    @Test
    void suggestionsCountATranspositionAsOneEdit() {
        assertThat(Suggestion.distance("drvies", "drives")).isEqualTo(1);
        assertThat(Suggestion.distance("drvs", "drives")).isEqualTo(2);
        assertThat(Suggestion.distance("dirves", "drives")).isEqualTo(1);
        assertThat(Suggestion.closest("hots", java.util.List.of("hosts", "drives"))).contains("hosts");
        assertThat(Suggestion.closest("replication", java.util.List.of("hosts", "drives"))).isEmpty();
    }

    @Test
    void modelGlobsMatchTheWholeReportedModel() {
        DriveSelector micron = new DriveSelector(Transport.NVME, java.util.Optional.of("Micron_7500*"), java.util.Optional.of(ByteSize.parse("15TB")),
                java.util.Optional.empty(), java.util.List.of());

        assertThat(micron.accepts("nvme", "Micron_7500_MTFDKCC15T3TGP  ", 15_360_000_000_000L, "S1")).isTrue();
        assertThat(micron.accepts("nvme", "Micron_7450_MTFDKCC15T3TFS", 15_360_000_000_000L, "S1")).isFalse();
        assertThat(micron.accepts("sata", "Micron_7500_MTFDKCC15T3TGP", 15_360_000_000_000L, "S1")).isFalse();
        assertThat(micron.accepts("nvme", "Micron_7500_MTFDKCC7T6TGP", 7_680_000_000_000L, "S1")).isFalse();
        assertThat(DriveSelector.ANY.accepts(null, null, 0, null)).isTrue();
    }
}
