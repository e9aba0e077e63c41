package dev.aistorctl.facts.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.ExecResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The frame's records, now that they are gathered in the script's own shell and printed together at
 * the end: every byte, exit code and stderr still travels as the source printed it, the scratch files
 * stay private and go away, and a source that breaks the rules is refused loudly, never half-read.
 */
class GatherRecordsTest {

    @Test
    void everyRecordKeepsItsBytesExitCodeAndStderr() {
        String more = """
                run binary.bin 'printf "\\000\\001\\377"'
                run no-newline.txt 'printf "last line without newline"'
                run fake-header.txt 'printf "@@ fake 0 0 0 0 header\\n@@END\\n"'
                run failed.txt 'echo partial; echo "it broke" >&2; false; (exit 3)'
                run empty.txt ':'
                run shown.txt 'printf x' 'how the manifest shows it'
                i=0
                while [ "$i" -lt 3 ]; do i=$((i + 1)); run "loop-$i.txt" 'printf "%s" "$i"'; done
                """;
        CaptureBundle b = gather(Gatherer.script(Set.of("swaps.txt"), more));

        assertThat(b.fileNames()).containsExactlyInAnyOrder("swaps.txt", "binary.bin", "no-newline.txt", "fake-header.txt",
                "failed.txt", "empty.txt", "shown.txt", "loop-1.txt", "loop-2.txt", "loop-3.txt");
        assertThat(b.bytes("binary.bin").orElseThrow()).containsExactly(0, 1, 0xff);
        assertThat(b.text("no-newline.txt")).hasValue("last line without newline");
        assertThat(b.text("fake-header.txt")).hasValue("@@ fake 0 0 0 0 header\n@@END\n");
        assertThat(b.text("failed.txt")).hasValue("partial\n");
        assertThat(b.stderr("failed.txt")).hasValue("it broke\n");
        assertThat(b.entry("failed.txt").orElseThrow().exitCode()).isEqualTo(3);
        assertThat(b.text("empty.txt")).hasValue("");
        assertThat(b.entry("empty.txt").orElseThrow().exitCode()).isZero();
        assertThat(b.entry("shown.txt").orElseThrow().source()).isEqualTo("how the manifest shows it");
        assertThat(b.entry("empty.txt").orElseThrow().source()).isEqualTo(":");
        assertThat(b.text("loop-3.txt")).hasValue("3");
        assertThat(b.entry("swaps.txt").orElseThrow().durationMillis()).isNotNegative();
    }

    @Test
    void scratchFilesArePrivateWhileTheScriptRunsAndGoneAfter() {
        String more = "run perms.txt 'stat -c \"%a %n\" \"$t\" \"$t/1.o\"; printf \"%s\" \"$t\" >&2'\n";
        CaptureBundle b = gather(Gatherer.script(Set.of("swaps.txt"), more));

        String scratch = b.stderr("perms.txt").orElseThrow();
        assertThat(b.text("perms.txt")).hasValue("700 " + scratch + "\n600 " + scratch + "/1.o\n");
        assertThat(Path.of(scratch)).doesNotExist();
    }

    @Test
    void aSourceThatExitsCutsTheStreamAndTheStreamIsRefused() {
        ExecResult r = run(Gatherer.script(Set.of("swaps.txt"), "run bad.txt 'exit 0'\n"));

        assertThatThrownBy(() -> CaptureStream.parse("localhost", r.stdout()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without @@END");
    }

    /**
     * The XFS in-progress probe, with the real {@code od} reading files in place of the devices: the first
     * device the script probes reads a superblock marked in progress, every other one zeros. One od reads
     * bytes 0 to 126 as numbers: the magic and byte 126 are found by the shell's field splitting.
     */
    @Test
    void anXfsSuperblockMarkedInProgressIsReportedWithItsFlag(@TempDir Path dir) throws Exception {
        byte[] superblock = new byte[512];
        System.arraycopy("XFSB".getBytes(StandardCharsets.US_ASCII), 0, superblock, 0, 4);
        superblock[126] = 1;
        Path xfs = Files.write(dir.resolve("xfs.img"), superblock);
        Path zeros = Files.write(dir.resolve("zeros.img"), new byte[512]);
        String first;
        try (Stream<Path> devices = Files.list(Path.of("/sys/block"))) {
            first = devices.filter(d -> !readSize(d).equals("0")).map(d -> d.getFileName().toString()).sorted()
                    .findFirst().orElseThrow(() -> new AssertionError("this machine has no block device to probe"));
        }
        // shell functions win over PATH; the script calls `od -An -v -tu1 -N127 DEV`
        String fakes = "wipefs() { echo '{}'; }\n"
                + "od() { eval \"d=\\${$#}\"; f='" + zeros + "'; [ \"$d\" = /dev/" + first + " ] && f='" + xfs + "'\n"
                + "  [ \"$1 $2 $3 $4\" = '-An -v -tu1 -N127' ] && command od -An -v -tu1 -N127 \"$f\"; }\n";
        CaptureBundle b = gather(Gatherer.script(Set.of("signatures.txt"), "")
                .replace(GatherScript.HEADER, fakes + GatherScript.HEADER));

        String text = b.text("signatures.txt").orElseThrow();
        assertThat(text).startsWith("@device " + first + " 0\n{}\n@xfs-in-progress 1\n")
                .containsOnlyOnce("@xfs-in-progress");
    }

    /**
     * copy_file prints a small file as cat would, by the read builtin: lines with backslashes, leading and
     * trailing blanks and a last line without its newline come through byte for byte; a file it cannot read
     * goes to cat, whose message and exit status the record keeps.
     */
    @Test
    void copyFilePrintsTheBytesCatWouldPrint(@TempDir Path dir) throws Exception {
        String text = "  leading blanks\ttab\\n backslash \\\\ and trailing  \n\n# comment\r\nlast line without newline";
        Path file = Files.writeString(dir.resolve("fstab"), text);
        Path empty = Files.writeString(dir.resolve("empty"), "");
        Path missing = dir.resolve("missing");
        String more = "run copied.txt 'copy_file \"" + file + "\"'\n"
                + "run cat.txt 'cat \"" + file + "\"'\n"
                + "run empty.txt 'copy_file \"" + empty + "\"'\n"
                + "run missing.txt 'copy_file \"" + missing + "\"'\n"
                + "run missing-cat.txt 'cat \"" + missing + "\"'\n"
                + "run folder.txt 'copy_file \"" + dir + "\"'\n"
                + "run folder-cat.txt 'cat \"" + dir + "\"'\n";
        CaptureBundle b = gather(Gatherer.script(Set.of("swaps.txt"), more));

        assertThat(b.text("copied.txt")).hasValue(text);
        assertThat(b.bytes("copied.txt").orElseThrow()).isEqualTo(b.bytes("cat.txt").orElseThrow());
        assertThat(b.text("empty.txt")).hasValue("");
        for (String name : new String[] {"missing", "folder"}) {
            CaptureEntry copied = b.entry(name + ".txt").orElseThrow();
            CaptureEntry cat = b.entry(name + "-cat.txt").orElseThrow();
            assertThat(copied.exitCode()).as(name).isEqualTo(cat.exitCode()).isNotZero();
            assertThat(b.stderr(name + ".txt")).as(name).isEqualTo(b.stderr(name + "-cat.txt"));
        }
    }

    private static String readSize(Path device) {
        try {
            return Files.readString(device.resolve("size")).trim();
        } catch (java.io.IOException e) {
            return "0";
        }
    }

    private static ExecResult run(String script) {
        return new ProcessConnector().run(Command.script(script).withEnv("LC_ALL", "C"), new byte[0], Duration.ofMinutes(2));
    }

    private static CaptureBundle gather(String script) {
        ExecResult r = run(script);
        assertThat(r.exitCode()).as(r.stderrTail(5)).isZero();
        return CaptureStream.parse("localhost", r.stdout());
    }
}
