package dev.aistorctl.playbooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.core.InvalidConfigException;
import dev.aistorctl.core.fuzz.Fuzzer;
import dev.aistorctl.playbooks.tune.TuningProfiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Mutants of the built-in playbooks and tuning profiles: each reads or is refused with an invalid-configuration
 * error that starts with the file's location, within 2 s and 256 MiB.
 */
class PlaybookFilesFuzzTest {
    private static final String FILE = "fuzz.yaml";
    private static final List<String> PLAYBOOK_WORDS = List.of("version: 1\n", "name: ", "steps:", "- step: ", "with:", "when: ",
            "serial: ", "max_fail_percentage: ", "sysctl", "file", "systemd-service", "xfs-drives", "{{ host }}", "{{", "}}");
    private static final List<String> TUNING_WORDS = List.of("version: 1\n", "name: ", "sysctl:", "cpu:", "governor: ",
            "block:", "nvme_scheduler: ", "limits:", "nofile: ", "thp: ", "vm.swappiness: ", "net.core.somaxconn: ", "none",
            "mq-deadline", "performance", "\n[Service]\nExecStartPre=/bin/touch /tmp/x\n");

    private static final PlaybookLoader LOADER = new PlaybookLoader(StepRegistry.builtIn());

    static void playbook(byte[] input) {
        LOADER.parse(FILE, FILE, new String(input, StandardCharsets.UTF_8));
    }

    static void tuningProfile(byte[] input) {
        TuningProfiles.parse(new String(input, StandardCharsets.UTF_8), FILE);
    }

    static boolean documented(Throwable t) {
        if (!(t instanceof InvalidConfigException)) {
            return false;
        }
        assertThat(t.getMessage()).as("a refused file names itself first").startsWith(FILE);
        return true;
    }

    private static byte[] bytes(Path file) {
        try {
            return java.nio.file.Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path resources(String dir) {
        return Path.of(System.getProperty("aistorctl.root"), "playbooks/src/main/resources", dir);
    }

    @Test
    void everyMutantPlaybookReadsOrIsRefusedAtItsLocation() {
        List<byte[]> corpus = Fuzzer.files(resources("playbooks")).stream().filter(f -> f.toString().endsWith(".yaml"))
                .map(PlaybookFilesFuzzTest::bytes).toList();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(5);
        Fuzzer.Result r = Fuzzer.configured("playbook", PlaybookFilesFuzzTest::documented, PLAYBOOK_WORDS, 0.5)
                .run(corpus, PlaybookFilesFuzzTest::playbook);
        System.out.println(r);
        assertThat(r.inputs()).isGreaterThan(corpus.size());
    }

    @Test
    void everyMutantTuningProfileReadsOrIsRefusedAtItsLocation() {
        List<byte[]> corpus = Fuzzer.corpus(resources("tuning"));
        assertThat(corpus).isNotEmpty();
        Fuzzer.Result r = Fuzzer.configured("tuning-profile", PlaybookFilesFuzzTest::documented, TUNING_WORDS, 0.5)
                .run(corpus, PlaybookFilesFuzzTest::tuningProfile);
        System.out.println(r);
        assertThat(r.inputs()).isGreaterThan(corpus.size());
    }

    @Test
    void everyKeptCrasherHoldsTheProperty() {
        new Fuzzer("playbook", PlaybookFilesFuzzTest::documented, List.of(), 0, Duration.ZERO, 0)
                .replay(Fuzzer.kept("playbook"), PlaybookFilesFuzzTest::playbook);
        new Fuzzer("tuning-profile", PlaybookFilesFuzzTest::documented, List.of(), 0, Duration.ZERO, 0)
                .replay(Fuzzer.kept("tuning-profile"), PlaybookFilesFuzzTest::tuningProfile);
    }
}
