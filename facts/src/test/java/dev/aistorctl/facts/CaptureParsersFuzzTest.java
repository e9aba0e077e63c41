package dev.aistorctl.facts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.core.fuzz.Fuzzer;
import dev.aistorctl.facts.capture.Source;
import dev.aistorctl.facts.capture.Sources;
import dev.aistorctl.facts.parse.CpuFreqParser;
import dev.aistorctl.facts.parse.DmiDecodeParser;
import dev.aistorctl.facts.parse.EthtoolParser;
import dev.aistorctl.facts.parse.LscpuParser;
import dev.aistorctl.facts.parse.LspciParser;
import dev.aistorctl.facts.parse.MemInfoParser;
import dev.aistorctl.facts.parse.NvmeListParser;
import dev.aistorctl.facts.parse.NvmeSmartLogParser;
import dev.aistorctl.facts.parse.OsReleaseParser;
import dev.aistorctl.facts.parse.SmartctlParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Mutants of every capture fixture, each given to the parser of its kind (every declared source of a capture
 * bundle, and the tools of the real captures): a parser returns what it could read, or refuses the text with an
 * {@link IllegalArgumentException} that says why (the facts report it as "cannot be parsed: ..."), within 2 s and
 * 256 MiB. A NullPointerException, an index out of bounds or a NumberFormatException is a parser that trusted its input.
 */
class CaptureParsersFuzzTest {
    private static final List<String> WORDS = List.of(": ", "\t", "-", "{", "}", "\"name\":", "null", "[]", "0x", "GT/s",
            "Speed: ", "LnkSta:", "LnkCap:", "Width x", "Mb/s", "kB", "CPU(s):", "MHz", "Size: ", "No Module Installed",
            "Serial Number:", "Model Number:", "nvme0n1", "/dev/", "\\040", "=", "\"", "#");

    /** Everything a parser may refuse with: the parsers' own "what is wrong" errors; not their subclasses thrown by the JDK. */
    static boolean documented(Throwable t) {
        boolean ours = t.getClass() == IllegalArgumentException.class || t.getClass() == UncheckedIOException.class;
        if (ours) {
            assertThat(t.getMessage()).as("a refusal says why").isNotBlank();
        }
        return ours;
    }

    /** Each parser by the name its crashers are kept under, with the fixture files that seed it. */
    static Map<String, Consumer<String>> parsers() {
        Map<String, Consumer<String>> out = new LinkedHashMap<>();
        for (var s : Sources.ALL) {
            String file = s instanceof Source<?> one ? one.file() : null;
            if (file != null) {
                out.put(file, text -> one(file).parse(text));
            }
        }
        out.put("nvme-smart-log-nvme0.json", text -> Sources.find("nvme-smart-log-nvme0.json").orElseThrow().parse(text));
        out.put("ethtool-eth0.txt", text -> EthtoolParser.parse(text, "eth0"));
        out.put("real/lscpu", LscpuParser::parse);
        out.put("real/dmidecode", DmiDecodeParser::parse);
        out.put("real/lspci", LspciParser::parse);
        out.put("real/meminfo", MemInfoParser::parse);
        out.put("real/nvme", text -> {
            NvmeListParser.parse(text);
        });
        out.put("real/nvme-smart-log", NvmeSmartLogParser::parse);
        out.put("real/smartctl", SmartctlParser::parse);
        out.put("real/ethtool", text -> EthtoolParser.parse(text, null));
        out.put("real/cpufreq", CpuFreqParser::parse);
        out.put("real/os-release", OsReleaseParser::parse);
        return out;
    }

    private static Source<?> one(String file) {
        return Sources.find(file).orElseThrow();
    }

    /** The fixture files a parser is seeded with: the bundles' files of its name, or the real captures of its tool. */
    static List<byte[]> seeds(String target) throws IOException {
        Path root = Fixtures.root();
        List<byte[]> out = new ArrayList<>();
        for (Path f : Fuzzer.files(root)) {
            String rel = root.relativize(f).toString().replace('\\', '/');
            String name = f.getFileName().toString();
            boolean matches = target.startsWith("real/")
                    ? rel.startsWith(target.equals("real/nvme-smart-log") ? "real/nvme/" : target + "/")
                            && (target.equals("real/nvme-smart-log") == name.contains("smart-log"))
                    : rel.startsWith("emulated/") && (name.equals(target)
                            || target.startsWith("nvme-smart-log-") && name.startsWith("nvme-smart-log-") && name.endsWith(".json")
                            || target.startsWith("ethtool-") && name.startsWith("ethtool-") && name.endsWith(".txt"));
            if (matches) {
                out.add(Files.readAllBytes(f));
            }
        }
        if (out.isEmpty()) {
            // No capture of this source yet: seed it with lines of the shape such sources have.
            out.add("nvme0\tSAMSUNG MZQL2\tS64ANS0T123\tGDC5302Q\t7681501126656\n/dev/sda\txfs\t1\t0\n".getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void everyParserReadsOrRefusesEveryMutantOfItsFixtures() throws IOException {
        Map<String, Consumer<String>> parsers = parsers();
        assertThat(parsers).hasSizeGreaterThan(30);
        double share = 2.0 / parsers.size();
        long inputs = 0;
        List<String> broken = new ArrayList<>();
        for (Map.Entry<String, Consumer<String>> p : parsers.entrySet()) {
            Consumer<String> parser = p.getValue();
            try {
                Fuzzer.Result r = Fuzzer.configured(name(p.getKey()), CaptureParsersFuzzTest::documented, WORDS, share)
                        .run(seeds(p.getKey()), in -> parser.accept(new String(in, StandardCharsets.UTF_8)));
                inputs += r.inputs();
                System.out.println(r);
            } catch (AssertionError e) {
                // Every parser gets its turn: one broken parser does not hide another.
                broken.add(e.getMessage() + (e.getCause() == null ? "" : "\n    at " + where(e.getCause())));
            }
        }
        assertThat(broken).isEmpty();
        assertThat(inputs).isGreaterThan(parsers.size() * 10L);
    }

    @Test
    void everyKeptCrasherHoldsTheProperty() {
        for (Map.Entry<String, Consumer<String>> p : parsers().entrySet()) {
            Consumer<String> parser = p.getValue();
            new Fuzzer(name(p.getKey()), CaptureParsersFuzzTest::documented, List.of(), 0, Duration.ZERO, 0)
                    .replay(Fuzzer.kept(name(p.getKey())), in -> parser.accept(new String(in, StandardCharsets.UTF_8)));
        }
    }

    /** The first frame of the project's code: where the parser went wrong. */
    private static String where(Throwable t) {
        return java.util.Arrays.stream(t.getStackTrace()).filter(f -> f.getClassName().startsWith("dev.aistorctl."))
                .findFirst().map(Object::toString).orElse("?");
    }

    /** The crasher folder of a parser: {@code lscpu.txt}, {@code real-lscpu}. */
    static String name(String target) {
        return target.replace('/', '-');
    }

    private static String kept(String target, String file) throws IOException {
        return Files.readString(Fuzzer.kept(target).resolve(file), StandardCharsets.UTF_8);
    }

    /** Found by the fuzzer: a number too large for its field made the parser throw NumberFormatException, losing the whole capture. */
    @Test
    void aDmiRecordWhoseTypeOverflowsIsSkippedAndTheOthersAreRead() throws IOException {
        String text = kept("dmidecode-memory.txt", "number-overflow-20402a90efb4cf71.txt");
        List<dev.aistorctl.facts.parse.DmiRecord> records = DmiDecodeParser.parse(text);
        assertThat(records).isNotEmpty();
        assertThat(records).noneMatch(r -> r.handle().equals("0x1000"));
        assertThat(DmiDecodeParser.parse(kept("real-dmidecode", "number-overflow-ab5e504451a3bec8.txt"))).isNotEmpty();
    }

    @Test
    void aMountLineWhoseIdOverflowsIsSkippedAndTheOthersAreRead() throws IOException {
        var mounts = dev.aistorctl.facts.parse.MountInfoParser.parse(kept("mounts.txt", "number-overflow-63708597f4c07080.txt"));
        assertThat(mounts).isNotEmpty();
        assertThat(mounts).noneMatch(m -> m.mountPoint().equals("/sys/fs/cgroup/memory"));
    }

    @Test
    void anNvmeTableSectorSizeThatOverflowsIsUnknownAndTheDriveStillListed() throws IOException {
        var drives = NvmeListParser.parseTable(kept("nvme-list.txt", "number-overflow-6fe02b15ab6a5ac1.txt"));
        assertThat(drives).anySatisfy(d -> {
            assertThat(d.device()).isEqualTo("/dev/nvme3n1");
            assertThat(d.serial()).isEqualTo("MICRON7500-0003");
            assertThat(d.sectorSize()).isNull();
        });
        assertThat(NvmeListParser.parse(kept("real-nvme", "number-overflow-4c7d9db8b0debd95.txt"))).isNotEmpty();
    }

    /** Found by the fuzzer: a header whose columns came out of order cut lines at negative widths (StringIndexOutOfBounds). */
    @Test
    void anNvmeTableWhoseHeaderColumnsAreOutOfOrderPlacesNothing() throws IOException {
        assertThat(NvmeListParser.parseTable(kept("nvme-list.txt", "columns-out-of-order-116d52794f1bdf4f.txt"))).isEmpty();
        assertThat(NvmeListParser.parse(kept("real-nvme", "columns-out-of-order-5af5e527d386b99a.txt"))).isEmpty();
    }

    /** Found by the fuzzer: a size with two points ("1..18 GB") threw NumberFormatException; it is unknown, never a guess. */
    @Test
    void anNvmeSizeThatIsNotANumberIsUnknownNotGuessed() throws IOException {
        var drives = NvmeListParser.parseTable(kept("nvme-list.txt", "size-with-two-points-9f5df4f629f0c175.txt"));
        assertThat(drives).filteredOn(d -> "MICRON7500-0003".equals(d.serial())).singleElement()
                .satisfies(d -> assertThat(d.sizeBytes()).as("not 18 GB read from the tail of '1..18'").isNull());
        assertThat(drives).filteredOn(d -> "MICRON7500-0002".equals(d.serial())).singleElement()
                .satisfies(d -> assertThat(d.sizeBytes()).isEqualTo(12_880_000_000L));
    }
}
