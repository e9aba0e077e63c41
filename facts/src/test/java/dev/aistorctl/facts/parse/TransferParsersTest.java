package dev.aistorctl.facts.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aistorctl.facts.Fixtures;
import org.junit.jupiter.api.Test;

/** dd's summary line and fio's JSON, over outputs captured from the real tools (fixtures/emulated/accept). */
class TransferParsersTest {

    @Test
    void ddWriteSummaryGivesBytesAndSecondsNotTheRoundedRate() {
        TransferResult r = DdSummaryParser.parse(Fixtures.read("emulated/accept/dd-write-direct.txt"));
        assertThat(r.measured()).isTrue();
        assertThat(r.bytes()).isEqualTo(134217728L);
        assertThat(r.seconds()).isEqualTo(0.289637);
        assertThat(r.mbPerSecond()).isCloseTo(463.4, within(0.1));
    }

    @Test
    void ddRateInGigabytesIsComputedNotParsed() {
        TransferResult r = DdSummaryParser.parse(Fixtures.read("emulated/accept/dd-read-direct.txt"));
        // dd prints "1.2 GB/s"; the figure is 134217728 / 0.110778.
        assertThat(r.mbPerSecond()).isCloseTo(1211.6, within(0.1));
    }

    @Test
    void ddStoppedByTheTimeBoundStillMeasuresWhatItMoved() {
        TransferResult r = DdSummaryParser.parse(Fixtures.read("emulated/accept/dd-write-interrupted.txt"));
        assertThat(r.bytes()).isEqualTo(492830720L);
        assertThat(r.mbPerSecond()).isCloseTo(525.1, within(0.1));
    }

    @Test
    void ddThatCopiedNothingOrFailedIsNoMeasurement() {
        TransferResult empty = DdSummaryParser.parse(Fixtures.read("emulated/accept/dd-write-empty.txt"));
        assertThat(empty.measured()).isFalse();
        assertThat(empty.problem()).isEqualTo("dd copied nothing");
        TransferResult missing = DdSummaryParser.parse(Fixtures.read("emulated/accept/dd-read-missing.txt"));
        assertThat(missing.measured()).isFalse();
        assertThat(missing.problem()).contains("failed to open '/nonexistent'");
        assertThat(missing.mbPerSecond()).isZero();
    }

    @Test
    void fioJsonGivesTheSideAskedFor() {
        TransferResult w = FioJsonParser.parse(Fixtures.read("emulated/accept/fio-write.json"), "write");
        assertThat(w.bytes()).isEqualTo(134217728L);
        assertThat(w.seconds()).isGreaterThan(0);
        TransferResult r = FioJsonParser.parse(Fixtures.read("emulated/accept/fio-read.json"), "read");
        assertThat(r.bytes()).isEqualTo(134217728L);
        // the read job wrote nothing
        assertThat(FioJsonParser.parse(Fixtures.read("emulated/accept/fio-read.json"), "write").measured()).isFalse();
    }

    @Test
    void fioWarningsBeforeTheDocumentAreSkippedAndGarbageIsAProblem() {
        String json = Fixtures.read("emulated/accept/fio-write.json");
        assertThat(FioJsonParser.parse("fio: note: both iodepth >= 1 and synchronous I/O engine\n" + json, "write").measured()).isTrue();
        assertThat(FioJsonParser.parse("fio: command not found", "write").problem()).startsWith("fio printed no JSON");
        assertThat(FioJsonParser.parse("{ not json", "write").problem()).startsWith("fio's JSON could not be read");
    }
}
