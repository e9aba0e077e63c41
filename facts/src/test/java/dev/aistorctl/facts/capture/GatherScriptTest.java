package dev.aistorctl.facts.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.facts.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The gather script made from {@link Sources} against {@code gather-handwritten.sh}, the script as it
 * was written by hand before the sources were declared: same records, same manifest text, same bytes.
 */
class GatherScriptTest {
    /** "run NAME 'SHELL'" with an optional shown text, as the hand-written script wrote each record. */
    private static final Pattern RUN = Pattern.compile("\\s*run (\"[^\"]+\"|\\S+) '([^']*)'(?: (?:'([^']*)'|\"([^\"]*)\"))?");

    /** Sources whose bytes do not change between two runs a second apart on an idle machine. */
    private static final List<String> STABLE = List.of("os-release.txt", "uname.txt", "fstab.txt", "versions.txt",
            "dmidecode-memory.txt", "dmidecode-system.txt", "nvme-list.json", "nvme-list.txt", "nvme-sysfs.txt",
            "lspci-vvv.txt", "pci-links.txt", "net-devices.txt", "cpufreq.txt");

    /**
     * Sources whose shell was rewritten since the hand-written script so that they start no process per
     * device or line (sysfs paths by the cd builtin, first lines by parameter expansion, no subshell to
     * exit from, small files read by the read builtin instead of {@code cat}): their text differs on purpose, their
     * bytes are compared ({@link #STABLE}, block-sysfs, the files read without {@code cat}).
     */
    private static final Set<String> REWRITTEN = Set.of("net-devices.txt", "versions.txt", "chronyc-tracking.txt");

    /** Small files read by the read builtin instead of {@code cat}: the manifest still shows {@code cat FILE}. */
    private static final Set<String> READ_BY_BUILTIN = Set.of("os-release.txt", "fstab.txt", "swaps.txt", "cmdline.txt",
            "thp.txt");

    @Test
    void everyHandWrittenRecordIsDeclaredWithTheSameShellAndManifestText() {
        Map<String, String[]> handWritten = handWrittenRuns();
        assertThat(handWritten).hasSize(Sources.ALL.size());
        for (Map.Entry<String, String[]> run : handWritten.entrySet()) {
            String name = run.getKey();
            String shell = run.getValue()[0];
            String shown = run.getValue()[1];
            Source<?> declared = name.contains("$n") ? family(name).of("DEV") : Sources.find(name).orElseThrow(
                    () -> new AssertionError(name + " is gathered by the hand-written script but not declared"));
            String device = name.contains("$n") ? "DEV" : null;
            if (REWRITTEN.contains(name)) {
                assertThat(declared.shell()).as(name + " shell").isNotEqualTo(shell);
                continue;
            }
            if (READ_BY_BUILTIN.contains(name)) {
                assertThat(declared.shell()).as(name + " shell").isEqualTo(shell.replace("cat ", "copy_file "));
                assertThat(declared.shown()).as(name + " as the manifest shows it").isEqualTo(shell);
                continue;
            }
            assertThat(declared.shell()).as(name + " shell").isEqualTo(shell);
            assertThat(declared.shown()).as(name + " as the manifest shows it")
                    .isEqualTo(shown == null ? shell : device == null ? shown : shown.replace("$n", device));
        }
        assertThat(Sources.EXPECTED).containsExactly("lscpu.txt", "lscpu.json", "cpuinfo.txt", "meminfo.txt",
                "dmidecode-memory.txt", "dmidecode-system.txt", "os-release.txt", "uname.txt", "lsblk.json",
                "nvme-list.json", "nvme-list.txt", "lspci-vvv.txt", "pci-links.txt", "ip-link.json", "net-speed.txt",
                "cpufreq.txt", "sysctl.txt", "mounts.txt", "fstab.txt");
    }

    @Test
    void theAssembledScriptGathersWhatTheHandWrittenOneGathered() throws IOException {
        Set<String> interfacesBefore = interfaces();
        CaptureBundle before = gather(handWritten());
        CaptureBundle after = Gatherer.gather(new ProcessConnector());
        Set<String> steady = interfaces();
        steady.retainAll(interfacesBefore);

        // a source gathered only in another's place is left out, and says so, where that other answered, and the
        // nvme table where the kernel has no NVMe controller
        Set<String> notGathered = new TreeSet<>();
        after.entries().values().stream().filter(CaptureEntry::notGathered).forEach(e -> notGathered.add(e.file()));
        for (String file : notGathered) {
            Source<?> primary = Sources.find(file).flatMap(Source::primary).orElseThrow(
                    () -> new AssertionError(file + " left out but gathered in no other's place"));
            String why = after.entry(file).orElseThrow().leftOutLines().get(0);
            assertThat(after.entry(file).orElseThrow().leftOutLines()).as(file).hasSize(1);
            assertThat(why).startsWith("not gathered: ");
            boolean answered = after.entry(primary.file()).orElseThrow().exitCode() == 0
                    && after.bytes(primary.file()).orElseThrow().length > 0;
            if (!answered) {
                assertThat(file).isEqualTo(Sources.NVME_LIST_TXT.file());
                assertThat(why).contains("no NVMe controller");
                assertThat(Path.of("/sys/class/nvme").toFile().list()).as("NVMe controllers here").isNullOrEmpty();
            }
        }
        Set<String> expectedFiles = withoutEthtool(before.fileNames());
        expectedFiles.removeAll(notGathered);
        assertThat(withoutEthtool(after.fileNames())).isEqualTo(expectedFiles);
        assertThat(withoutEthtool(after.entries().keySet())).isEqualTo(withoutEthtool(before.entries().keySet()));
        for (String iface : steady) {
            if (!iface.equals("lo")) {
                assertThat(after.entries()).as("ethtool of " + iface).containsKey(Sources.ETHTOOL.file(iface));
                assertThat(before.entries()).containsKey(Sources.ETHTOOL.file(iface));
            }
        }
        for (String file : before.entries().keySet()) {
            if (!after.entries().containsKey(file) || notGathered.contains(file)) {
                continue; // an interface that came or went between the runs, or a source not needed this time
            }
            CaptureEntry was = before.entry(file).orElseThrow();
            CaptureEntry is = after.entry(file).orElseThrow();
            if (!REWRITTEN.contains(file)) {
                assertThat(is.source()).as(file + " source").isEqualTo(was.source());
            }
            assertThat(is.exitCode()).as(file + " exit code").isEqualTo(was.exitCode());
        }
        for (String file : READ_BY_BUILTIN) {
            if (before.bytes(file).isPresent() && !file.equals("swaps.txt")) {
                assertThat(after.bytes(file).orElseThrow()).as(file + " bytes, read without cat")
                        .isEqualTo(before.bytes(file).orElseThrow());
            }
        }
        for (String file : STABLE) {
            if (notGathered.contains(file)) {
                continue;
            }
            assertThat(after.bytes(file)).as(file).isPresent();
            if (file.equals(Sources.NET_DEVICES.file())) {
                // lab hosts on this machine add and remove interfaces between the two gathers: the ones both saw
                assertThat(linesOf(after.bytes(file).orElseThrow(), steady)).as(file + " lines of the steady interfaces")
                        .isNotEmpty().isEqualTo(linesOf(before.bytes(file).orElseThrow(), steady));
                continue;
            }
            assertThat(after.bytes(file).orElseThrow()).as(file + " bytes").isEqualTo(before.bytes(file).orElseThrow());
            assertThat(after.stderr(file)).as(file + " stderr").isEqualTo(before.stderr(file));
        }
        // the sysfs path of every block device both runs saw: the cd builtin resolves it as readlink -f did
        Map<String, String> pathsBefore = sysfsPaths(before);
        Map<String, String> pathsAfter = sysfsPaths(after);
        pathsAfter.keySet().retainAll(pathsBefore.keySet());
        assertThat(pathsAfter).isNotEmpty().allSatisfy((device, path) ->
                assertThat(path).as(device).startsWith("/sys/devices/").isEqualTo(pathsBefore.get(device)));
        for (String file : after.fileNames()) {
            if (Sources.SMART_LOGS.fills(file)) {
                assertThat(after.entry(file).orElseThrow().exitCode()).isEqualTo(before.entry(file).orElseThrow().exitCode());
            }
        }
    }

    @Test
    void aCutDownScriptGathersOnlyTheNamedSourcesAndTheCallersOwn() {
        String script = Gatherer.script(Set.of("swaps.txt", "block-sysfs.txt"), "run extra.txt 'printf hello'");
        CaptureBundle b = gather(script);
        assertThat(b.fileNames()).containsExactlyInAnyOrder("swaps.txt", "block-sysfs.txt", "extra.txt");
        assertThat(b.text("extra.txt")).hasValue("hello");
        assertThat(b.entry("block-sysfs.txt").orElseThrow().exitCode()).isZero();
        assertThat(script).contains("block_line() {").doesNotContain("signatures() {");
        assertThatThrownBy(() -> Gatherer.script(Set.of("swaps.txt", "ethtool-eth0.txt", "nope.txt"), ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[ethtool-eth0.txt, nope.txt]");
    }

    @Test
    void everyDeclaredParserReadsTheEmulatedCapturesOfItsSource() throws IOException {
        int parsed = 0;
        try (Stream<Path> dirs = Files.list(Fixtures.path("emulated"))) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                CaptureBundle bundle = CaptureBundle.read(dir);
                for (String file : bundle.fileNames()) {
                    Source<?> source = Sources.find(file).orElse(null);
                    boolean failed = bundle.entry(file).map(CaptureEntry::failed).orElse(false);
                    String text = bundle.text(file).orElseThrow();
                    if (source == null || failed || text.isEmpty()) {
                        continue;
                    }
                    assertThat((Object) source.parse(text)).as(dir.getFileName() + "/" + file).isNotNull();
                    parsed++;
                }
            }
        }
        assertThat(parsed).isGreaterThan(30);
    }

    /**
     * The gather is read-only on the host: the drives it holds open across their probes are opened for reading,
     * and nothing in the script redirects output anywhere but its private folder and /dev/null.
     */
    @Test
    void theScriptOpensDrivesForReadingOnly() {
        String script = Gatherer.script();

        assertThat(script).contains("command exec 3<\"/dev/$1\"", "exec 3<&-");
        assertThat(script).doesNotContainPattern("<>").doesNotContainPattern("exec [0-9]*>");
        Matcher m = Pattern.compile("[0-9]?>>?\\s*\"?([^\\s\"&;|)]+)").matcher(script);
        while (m.find()) {
            // end_capture writes its own files (nl, lengths, the headers) after `cd "$t"`
            assertThat(m.group(1)).as(m.group()).matches("/dev/null|\\$t/.*|nl|lengths|\\$_i\\.h");
        }
    }

    @Test
    void familyNamesReachTheShellThroughAVariable() {
        assertThat(Sources.ETHTOOL.runLines()).contains("[ \"$n\" = lo ] && continue", "run \"ethtool-$n.txt\" 'ethtool \"$n\"' \"ethtool $n\"");
        assertThat(Sources.SMART_LOGS.deviceOf("nvme-smart-log-nvme3.json")).hasValue("nvme3");
        assertThat(Sources.ETHTOOL.deviceOf("lscpu.txt")).isEmpty();
        assertThat(Sources.find("ethtool-eth0.txt").orElseThrow().shown()).isEqualTo("ethtool eth0");
        assertThat(Sources.find("lscpu.txt")).containsSame(Sources.LSCPU);
        assertThat(Sources.find("README.md")).isEmpty();
        assertThatThrownBy(() -> new SourceFamily<>("x-", ".txt", "/sys/class/net/*", List.of(), "true", "say `id`",
                (d, t) -> t)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- helpers

    /** Device name -> sysfs path, from block-sysfs.txt (name TAB disk TAB ... TAB path TAB backing file). */
    private static Map<String, String> sysfsPaths(CaptureBundle b) {
        Map<String, String> paths = new LinkedHashMap<>();
        for (String line : b.text("block-sysfs.txt").orElseThrow().split("\n")) {
            String[] f = line.split("\t");
            if (f.length >= 8) {
                paths.put(f[0], f[7]);
            }
        }
        return paths;
    }

    private static Set<String> withoutEthtool(Set<String> files) {
        Set<String> out = new TreeSet<>(files);
        out.removeIf(Sources.ETHTOOL::fills);
        return out;
    }

    /** The lines of a per-interface table whose first tab-separated field is one of {@code interfaces}. */
    private static List<String> linesOf(byte[] table, Set<String> interfaces) {
        return new String(table, StandardCharsets.UTF_8).lines()
                .filter(line -> interfaces.contains(line.split("\t", 2)[0])).toList();
    }

    private static Set<String> interfaces() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/sys/class/net"))) {
            return new TreeSet<>(s.map(p -> p.getFileName().toString()).toList());
        }
    }

    private static SourceFamily<?> family(String name) {
        return Sources.SMART_LOGS.fills(name.replace("$n", "DEV")) ? Sources.SMART_LOGS : Sources.ETHTOOL;
    }

    /** NAME -> {shell, shown or null}, from the hand-written script's run lines. */
    private static Map<String, String[]> handWrittenRuns() {
        Map<String, String[]> runs = new LinkedHashMap<>();
        for (String line : handWritten().split("\n")) {
            Matcher m = RUN.matcher(line);
            if (m.matches()) {
                String name = m.group(1).replace("\"", "");
                runs.put(name, new String[] {m.group(2), m.group(3) != null ? m.group(3) : m.group(4)});
            }
        }
        return runs;
    }

    private static String handWritten() {
        try (InputStream in = GatherScriptTest.class.getResourceAsStream("gather-handwritten.sh")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static CaptureBundle gather(String script) {
        ExecResult r = new ProcessConnector().run(Command.script(script).withEnv("LC_ALL", "C"), new byte[0], Duration.ofMinutes(2));
        assertThat(r.exitCode()).as(r.stderrTail(5)).isZero();
        return CaptureStream.parse("localhost", r.stdout());
    }
}
