package dev.aistorctl.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.core.config.Problem;
import dev.aistorctl.core.fuzz.Fuzzer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Mutants of every inventory in the tree: each loads or is refused as an invalid inventory whose every
 * problem names the file (at {@code file:line:col} where it has a place), within 2 s and 256 MiB.
 */
class InventoryLoaderFuzzTest {
    private static final Path FILE = Path.of("fuzz", "inventory.yaml");
    private static final List<String> WORDS = List.of("version: 1\n", "cluster:", "pools:", "hosts:", "drives:", "count: ",
            "mount: ", "select:", "node:", "flavour: minio", "binary:", "sha256: ", "root_password:", "{env: X}", "{file: x}",
            "ssh:", "jump_host:", "address: ", "node[01:99]", "node{1...9}", "10.0.0.[1:250]", "::1", "/mnt/drive{1...8}",
            "erasure_set_drive_count: ", "api_port: ", "tuning_profile: ", "user: root", "become: true");

    static void load(byte[] input) {
        InventoryLoader.parse(FILE, input);
    }

    static boolean documented(Throwable t) {
        if (!(t instanceof InvalidInventoryException e)) {
            return false;
        }
        assertThat(e.problems()).as("an invalid inventory says what is wrong").isNotEmpty();
        for (Problem p : e.problems()) {
            assertThat(p.file()).as("every problem names the file: %s", p).isEqualTo(FILE.toString());
            assertThat(p.message()).as("every problem says what is wrong").isNotBlank();
        }
        return true;
    }

    @Test
    void everyMutantLoadsOrIsRefusedWithItsProblemsLocated() {
        Path root = Path.of(System.getProperty("aistorctl.root"));
        List<byte[]> corpus = Fuzzer.corpus(root.resolve("inventory/examples"), root.resolve("inventory/src/test/resources/inventories"));
        assertThat(corpus).hasSizeGreaterThan(20);
        Fuzzer.Result r = Fuzzer.configured("inventory", InventoryLoaderFuzzTest::documented, WORDS, 1).run(corpus, InventoryLoaderFuzzTest::load);
        System.out.println(r);
        assertThat(r.inputs()).isGreaterThan(corpus.size());
    }

    @Test
    void everyKeptCrasherHoldsTheProperty() {
        new Fuzzer("inventory", InventoryLoaderFuzzTest::documented, List.of(), 0, java.time.Duration.ZERO, 0)
                .replay(Fuzzer.kept("inventory"), InventoryLoaderFuzzTest::load);
    }

    /** Found by the fuzzer: a merge key to its own mapping made the node contain itself, and secret masking overflowed the stack. */
    @Test
    void aMappingMergedIntoItselfIsRefusedAtTheAlias() throws Exception {
        byte[] crasher = java.nio.file.Files.readAllBytes(Fuzzer.kept("inventory").resolve("recursive-merge-key.yaml"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> load(crasher)).isInstanceOf(InvalidInventoryException.class)
                .hasMessageContaining("fuzz/inventory.yaml:9:7: alias *defaults is inside the list or mapping &defaults names");
    }
}
