package dev.aistorctl.playbooks.drives;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.core.Command;
import dev.aistorctl.facts.capture.CaptureBundle;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryHost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parallel format command: its exact arguments (golden), and the script itself run here with stand-in tools. */
class FormatScriptTest {
    @TempDir
    Path dir;

    private static List<DriveLayout.Slot> formats(Set<String> wipe) {
        Inventory inventory = LabCaptures.inventory(4);
        InventoryHost h = inventory.hosts().get(0);
        CaptureBundle blank = LabCaptures.recorded("lab-blank");
        return DriveLayout.of("node1", blank, h.pool(), h.drives(), LabCaptures.CLUSTER, wipe).formats();
    }

    private static Command command(List<DriveLayout.Slot> formats) {
        AtomicInteger n = new AtomicInteger();
        return FormatScript.command(LabCaptures.CLUSTER, formats,
                () -> UUID.fromString(String.format("00000000-0000-4000-8000-%012d", n.incrementAndGet())),
                Instant.parse("2026-11-25T12:00:00Z"));
    }

    @Test
    void theArgumentsAreEightPerDriveAsTheGoldenFileSays() throws IOException {
        Command c = command(formats(Set.of()));
        assertThat(c.argv().subList(0, 4)).containsExactly("sh", "-c", FormatScript.script(), "aistorctl-format");
        assertThat(c.privileged()).isTrue();
        String golden = new String(getClass().getResourceAsStream("/drives/format-args.golden").readAllBytes(), StandardCharsets.UTF_8);
        assertThat(String.join("\n", c.argv().subList(4, c.argv().size())) + "\n").isEqualTo(golden);
    }

    @Test
    void drivesAreFormattedSideBySideAndEachExitCodeIsReported() throws Exception {
        // Stand-ins that log what they were asked: mkfs.xfs fails on loop42, and each mkfs.xfs waits until
        // all four have started, so formats run one after another never get past the first (exit 99).
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path log = dir.resolve("log");
        tool(bin, "mkfs.xfs", "echo \"mkfs.xfs $*\" >>" + log + "; i=0;"
                + " while [ \"$(grep -c '^mkfs.xfs' " + log + ")\" -lt 4 ]; do i=$((i+1)); [ $i -le 300 ] || exit 99; sleep 0.1; done;"
                + " case \"$*\" in *loop42*) echo 'cannot open /dev/loop42: Device or resource busy' >&2; exit 1;; esac");
        loggingTools(bin, log, "wipefs", "mount", "umount");
        tool(bin, "blockdev", "echo 2147483648");
        tool(bin, "blkid", "exit 2");
        ScriptRun run = runScript(formats(Set.of()), bin);
        String out = run.out();

        assertThat(run.exit()).as(out).isEqualTo(1);
        Map<Integer, FormatScript.Outcome> outcomes = FormatScript.outcomes(out);
        assertThat(outcomes).containsOnlyKeys(1, 2, 3, 4);
        assertThat(outcomes.get(1).exitCode()).isZero();
        assertThat(outcomes.get(3).exitCode()).isEqualTo(12);
        assertThat(outcomes.get(3).step()).isEqualTo("mkfs.xfs failed");
        assertThat(outcomes.get(3).messages()).contains("Device or resource busy");
        List<String> calls = Files.readAllLines(log);
        assertThat(calls).filteredOn(l -> l.startsWith("mkfs.xfs")).hasSize(4)
                .allMatch(l -> !l.contains(" -f")).as("never forced")
                .anyMatch(l -> l.equals("mkfs.xfs -q -L " + dev.aistorctl.storagenode.drives.DriveLabel.of(LabCaptures.CLUSTER, 1)
                        + " -m uuid=00000000-0000-4000-8000-000000000001 /dev/loop40"));
        assertThat(calls).noneMatch(l -> l.startsWith("wipefs")).as("a blank drive is not wiped");
        assertThat(calls).noneMatch(l -> l.startsWith("mount") && l.contains("loop42")).as("a failed format is not mounted");
    }

    @Test
    void aDriveWhoseSizeOrSerialChangedSinceThePlanIsNotTouched() throws Exception {
        // loop42 became sdc, serial SER42, in the plan; the host now says loop41 is 1 GiB and sdc has another serial
        CaptureBundle planned = DuplicateIdentityTest.asDisks(LabCaptures.recorded("lab-blank"), Map.of("loop42", "sdc"), "SER42", null);
        InventoryHost h = LabCaptures.inventory(4).hosts().get(0);
        List<DriveLayout.Slot> formats = DriveLayout.of("node1", planned, h.pool(), h.drives(), LabCaptures.CLUSTER, Set.of()).formats();
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path log = dir.resolve("log");
        loggingTools(bin, log, "mkfs.xfs", "wipefs", "mount", "umount");
        tool(bin, "blockdev", "case \"$*\" in *loop41*) echo 1073741824;; *) echo 2147483648;; esac");
        tool(bin, "lsblk", "echo '  OTHER7  '");
        tool(bin, "blkid", "exit 2");
        ScriptRun run = runScript(formats, bin);
        String out = run.out();

        assertThat(run.exit()).as(out).isEqualTo(1);
        List<String> devices = formats.stream().map(s -> s.drive().path()).toList();
        Map<Integer, FormatScript.Outcome> outcomes = FormatScript.outcomes(out);
        FormatScript.Outcome resized = outcomes.get(devices.indexOf("/dev/loop41") + 1);
        assertThat(resized.exitCode()).isEqualTo(10);
        assertThat(resized.messages()).isEqualTo("device state changed: /dev/loop41 is 1073741824 bytes, the plan says 2147483648");
        FormatScript.Outcome swapped = outcomes.get(devices.indexOf("/dev/sdc") + 1);
        assertThat(swapped.exitCode()).isEqualTo(10);
        assertThat(swapped.messages()).isEqualTo("device state changed: /dev/sdc has serial 'OTHER7', the plan says SER42");
        assertThat(outcomes.get(devices.indexOf("/dev/loop40") + 1).exitCode()).isZero();
        assertThat(Files.readAllLines(log)).noneMatch(l -> l.contains("loop41") || l.contains("sdc"))
                .anyMatch(l -> l.startsWith("mkfs.xfs") && l.endsWith("/dev/loop40"));
    }

    @Test
    void aBlankDriveThatGotAFilesystemAtOneMebibyteSinceThePlanIsNotFormatted() throws Exception {
        // The real blkid, over images standing in for the devices: loop41's has an ext4 at 1 MiB (what a wiped
        // partition table leaves behind), which mkfs.xfs without -f would not see and would overwrite.
        Path images = Files.createDirectories(dir.resolve("images"));
        for (int i = 40; i <= 43; i++) {
            try (var f = new java.io.RandomAccessFile(images.resolve("loop" + i).toFile(), "rw")) {
                f.setLength(64L << 20);
            }
        }
        Process ext4 = new ProcessBuilder("mkfs.ext4", "-q", "-F", "-L", "olddata", "-E", "offset=1048576",
                images.resolve("loop41").toString(), "60M").redirectErrorStream(true).start();
        String made = new String(ext4.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ext4.waitFor(60, TimeUnit.SECONDS) && ext4.exitValue() == 0).as("mkfs.ext4 (e2fsprogs) makes the stale file system: " + made).isTrue();
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path log = dir.resolve("log");
        loggingTools(bin, log, "mkfs.xfs", "wipefs", "mount", "umount");
        tool(bin, "blockdev", "echo 2147483648");
        String blkid = Path.of("/usr/sbin/blkid").toFile().canExecute() ? "/usr/sbin/blkid" : "/sbin/blkid";
        tool(bin, "blkid", "for a; do case $a in /dev/*) set -- \"$@\" " + images + "/${a#/dev/};; *) set -- \"$@\" \"$a\";; esac; shift; done;"
                + " exec " + blkid + " \"$@\"");
        List<DriveLayout.Slot> formats = formats(Set.of());
        ScriptRun run = runScript(formats, bin);
        String out = run.out();

        assertThat(run.exit()).as(out).isEqualTo(1);
        List<String> devices = formats.stream().map(s -> s.drive().path()).toList();
        Map<Integer, FormatScript.Outcome> outcomes = FormatScript.outcomes(out);
        FormatScript.Outcome stale = outcomes.get(devices.indexOf("/dev/loop41") + 1);
        assertThat(stale.exitCode()).isEqualTo(10);
        assertThat(stale.messages()).isEqualTo("device state changed: /dev/loop41 now carries a signature at 1048576 bytes"
                + " (LABEL=olddata TYPE=ext4), the plan says blank");
        for (String blank : List.of("/dev/loop40", "/dev/loop42", "/dev/loop43")) {
            assertThat(outcomes.get(devices.indexOf(blank) + 1).exitCode()).as(blank + ": " + out).isZero();
        }
        assertThat(Files.readAllLines(log)).noneMatch(l -> l.contains("loop41")).as("nothing ran on loop41")
                .anyMatch(l -> l.startsWith("mkfs.xfs") && l.endsWith("/dev/loop43"));
    }

    /** Stand-ins for {@code names} that only log how they were called. */
    private static void loggingTools(Path bin, Path log, String... names) throws IOException {
        for (String name : names) {
            tool(bin, name, "echo \"" + name + " $*\" >>" + log);
        }
    }

    private record ScriptRun(int exit, String out) {
    }

    /** The format script over {@code formats}, with the stand-ins in {@code bin} first on the PATH. */
    private static ScriptRun runScript(List<DriveLayout.Slot> formats, Path bin) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command(formats).argv()).redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(out).isTrue();
        return new ScriptRun(p.exitValue(), out);
    }

    private static void tool(Path bin, String name, String body) throws IOException {
        Path f = bin.resolve(name);
        Files.writeString(f, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
