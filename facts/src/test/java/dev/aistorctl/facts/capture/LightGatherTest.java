package dev.aistorctl.facts.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.facts.parse.PartitionSignaturesParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The gather leaves out what no fact reads, and its manifest says what and why: a source gathered only in another's
 * place when that other answered, and the probes at partition offsets of every disk wipefs did not find blank.
 */
class LightGatherTest {
    private static final Source<String> PRIMARY = Source.of("primary.txt", "printf primary", t -> t);
    private static final Source<String> FALLBACK = Source.of("fallback.txt", "printf fallback", t -> t)
            .insteadOf(PRIMARY, "not gathered: primary.txt holds the same");

    @Test
    void aSourceGatheredInAnothersPlaceIsLeftOutWithItsReasonWhenTheOtherAnswered() {
        CaptureBundle b = gather(GatherScript.of(List.of(PRIMARY, FALLBACK), ""));

        assertThat(b.fileNames()).containsExactly("primary.txt");
        CaptureEntry left = b.entry("fallback.txt").orElseThrow();
        assertThat(left.notGathered()).isTrue();
        assertThat(left.failed()).isFalse();
        assertThat(left.exitCode()).isNull();
        assertThat(left.leftOutLines()).containsExactly("not gathered: primary.txt holds the same");
        assertThat(b.entry("primary.txt").orElseThrow().notGathered()).isFalse();
    }

    @Test
    void itRunsWhenTheOtherFailedPrintedNothingOrWasNotGathered() {
        for (String shell : List.of("echo broken >&2; false", ":")) {
            Source<String> primary = Source.of("primary.txt", shell, t -> t);
            Source<String> fallback = Source.of("fallback.txt", "printf fallback", t -> t).insteadOf(primary, "not needed");
            CaptureBundle b = gather(GatherScript.of(List.of(primary, fallback), ""));
            assertThat(b.text("fallback.txt")).as(shell).hasValue("fallback");
            assertThat(b.entry("fallback.txt").orElseThrow().leftOutLines()).as(shell).isEmpty();
        }
        CaptureBundle alone = gather(GatherScript.of(List.of(FALLBACK), ""));
        assertThat(alone.text("fallback.txt")).hasValue("fallback");
    }

    @Test
    void theTwinSourcesAreGatheredInTheirPrimarysPlace() {
        assertThat(Sources.LSCPU_JSON.primary()).containsSame(Sources.LSCPU);
        assertThat(Sources.NVME_LIST_TXT.primary()).containsSame(Sources.NVME_LIST_JSON);
        assertThat(Sources.ALL.indexOf(Sources.LSCPU)).isLessThan(Sources.ALL.indexOf(Sources.LSCPU_JSON));
        assertThat(Sources.ALL.indexOf(Sources.NVME_LIST_JSON)).isLessThan(Sources.ALL.indexOf(Sources.NVME_LIST_TXT));
        assertThat(Gatherer.script()).contains("if record_ok lscpu.txt; then left_out lscpu.json ",
                "if record_ok nvme-list.json; then left_out nvme-list.txt ",
                "elif no_nvme_controller; then left_out nvme-list.txt ");
    }

    @Test
    void aSourceNotNeededWhereItsTestHoldsSaysWhichTestLeftItOut() {
        Source<String> twin = Source.of("twin.txt", "printf twin", t -> t)
                .insteadOf(PRIMARY, "not gathered: primary.txt answered")
                .notNeededWhen("[ -n \"$nothing_here\" ]", "not gathered: nothing here");
        Source<String> failing = Source.of("primary.txt", "false", t -> t);

        CaptureBundle nothingHere = gather(GatherScript.of(List.of(failing, twin), "").replace(
                "printf 'AISTORCTL-CAPTURE 1\\n'", "nothing_here=1\nprintf 'AISTORCTL-CAPTURE 1\\n'"));
        assertThat(nothingHere.entry("twin.txt").orElseThrow().leftOutLines()).containsExactly("not gathered: nothing here");
        assertThat(gather(GatherScript.of(List.of(PRIMARY, twin), "")).entry("twin.txt").orElseThrow().leftOutLines())
                .containsExactly("not gathered: primary.txt answered");
        assertThat(gather(GatherScript.of(List.of(failing, twin), "")).text("twin.txt")).hasValue("twin");
    }

    /**
     * wipefs, blkid and od are shell functions here that answer by device name, so the test reads no drive: the host's
     * /sys/block entries are only names (every one has a size here). Blank (no output, or an empty list): probed at
     * partition offsets; a signature or a failure: left out, each with its reason.
     */
    @Test
    void onlyTheDisksWipefsFoundBlankAreProbedWherePartitionsStart() throws IOException {
        List<String> disks = disks();
        assumeThat(disks).as("this machine's /sys/block").hasSizeGreaterThanOrEqualTo(4);
        String blank = disks.get(0);
        String emptyList = disks.get(1);
        String failed = disks.get(2);
        List<String> signed = disks.subList(3, disks.size());

        CaptureBundle b = gather(GatherScript.of(List.of(fakeProbes(blank, emptyList, failed), Sources.SIGNATURES,
                Sources.PARTITION_SIGNATURES), ""));

        var probed = PartitionSignaturesParser.parse(b.text("partition-signatures.txt").orElseThrow());
        assertThat(probed).containsOnlyKeys(blank, emptyList);
        CaptureEntry entry = b.entry("partition-signatures.txt").orElseThrow();
        assertThat(entry.exitCode()).isZero();
        assertThat(entry.notGathered()).isFalse();
        var leftOut = PartitionSignaturesParser.leftOut(entry.leftOutLines());
        assertThat(leftOut).containsEntry(failed, PartitionSignaturesParser.NOT_PROBED_WIPEFS_FAILED);
        signed.forEach(d -> assertThat(leftOut).containsEntry(d, PartitionSignaturesParser.NOT_PROBED_SIGNATURE));
        assertThat(leftOut).doesNotContainKeys(blank, emptyList);
        // the whole-device probe's own record is as before: every disk, its exit code and output
        assertThat(b.text("signatures.txt").orElseThrow()).contains("@device " + failed + " 1\n",
                "@device " + blank + " 0\n\n", "@device " + emptyList + " 0\n{\"signatures\": []}\n");
    }

    @Test
    void withoutTheWholeDeviceProbeInTheSameRunEveryDiskIsProbed() throws IOException {
        List<String> disks = disks();
        assumeThat(disks).isNotEmpty();

        CaptureBundle b = gather(GatherScript.of(List.of(fakeProbes("-", "-", "-"), Sources.PARTITION_SIGNATURES), ""));

        var probed = PartitionSignaturesParser.parse(b.text("partition-signatures.txt").orElseThrow());
        assertThat(probed.keySet()).containsAll(disks);
        assertThat(b.entry("partition-signatures.txt").orElseThrow().leftOutLines()).isEmpty();
    }

    /** Stand-ins for the probe programs, defined before the sources that call them (a function wins over PATH). */
    private static Source<String> fakeProbes(String blank, String emptyList, String failed) {
        return Source.of("fakes.txt", ":", t -> t).withFunctions("""
                fake_blank=%s fake_empty_list=%s fake_failed=%s
                wipefs() {
                    for a; do dev=${a#/dev/}; done
                    [ "$dev" = "$fake_blank" ] && return 0
                    [ "$dev" = "$fake_empty_list" ] && { printf '{"signatures": []}\\n'; return 0; }
                    [ "$dev" = "$fake_failed" ] && { echo "wipefs: error: /dev/$dev: probing initialization failed" >&2; return 1; }
                    printf '{"signatures": [{"device": "%%s", "offset": "0x0", "type": "xfs", "uuid": null, "label": null, "usage": "filesystem"}]}\\n' "$dev"
                }
                blkid() { return 2; }
                od() { :; }
                hold_device() { :; }
                release_device() { :; }
                sysfs_value() { v=1; }
                """.formatted(blank, emptyList, failed));
    }

    /** The whole disks the probes visit, every one with a size as sysfs_value answers here: the /sys/block entries. */
    private static List<String> disks() throws IOException {
        Path sys = Path.of("/sys/block");
        if (!Files.isDirectory(sys)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(sys)) {
            return s.map(d -> d.getFileName().toString()).sorted().toList();
        }
    }

    private static CaptureBundle gather(String script) {
        ExecResult r = new ProcessConnector().run(Command.script(script).withEnv("LC_ALL", "C"), new byte[0], Duration.ofMinutes(2));
        assertThat(r.exitCode()).as(r.stderrTail(5)).isZero();
        return CaptureStream.parse("localhost", r.stdout());
    }
}
