package dev.aistorctl.inventory;

import static dev.aistorctl.inventory.Inventories.MINIMAL;
import static dev.aistorctl.inventory.Inventories.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inventories written to hurt: each is refused with a located, readable problem and nothing else. */
class HostileInputTest {

    @Test
    void billionLaughsIsStoppedAtTheAliasLimitQuickly() {
        StringBuilder bomb = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char prev = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [").append(("*" + prev + ", ").repeat(8)).append('*').append(prev).append("]\n");
        }

        long start = System.nanoTime();
        InvalidInventoryException e = catchThrowableOfType(InvalidInventoryException.class, () -> parse(bomb.toString()));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("aliases");
            assertThat(p.line()).isEqualTo(3);
        });
    }

    @Test
    void aFileOverOneMebibyteIsRefusedWithoutParsing(@TempDir Path dir) throws IOException {
        Path big = dir.resolve("big.yaml");
        Files.writeString(big, MINIMAL + ("# " + "x".repeat(1000) + "\n").repeat(1100));

        InvalidInventoryException e = catchThrowableOfType(InvalidInventoryException.class, () -> InventoryLoader.load(big));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("larger than 1048576 bytes");
            assertThat(p.line()).isZero();
        });
    }

    @Test
    void aFileOfExactlyOneMebibyteIsStillRead(@TempDir Path dir) throws IOException {
        Path edge = dir.resolve("edge.yaml");
        byte[] head = MINIMAL.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[InventoryLoader.MAX_BYTES];
        java.util.Arrays.fill(bytes, (byte) '\n');
        System.arraycopy(head, 0, bytes, 0, head.length);
        Files.write(edge, bytes);

        assertThat(InventoryLoader.load(edge).hosts()).hasSize(4);
    }

    @Test
    void invalidUtf8IsLocatedToTheByte() {
        byte[] text = (MINIMAL.replace("name: t}", "name: caf\u0000}")).getBytes(StandardCharsets.UTF_8);
        int at = new String(text, StandardCharsets.UTF_8).indexOf('\u0000');
        text[at] = (byte) 0xE9; // "café" saved as Latin-1

        InvalidInventoryException e = catchThrowableOfType(InvalidInventoryException.class,
                () -> InventoryLoader.parse(Path.of("inv.yaml"), text));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("invalid UTF-8").contains("0xE9");
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.column()).isEqualTo("cluster: {name: caf".length() + 1);
        });
    }

    @Test
    void controlCharactersAreRefusedWhereTheyAre() {
        InvalidInventoryException e = catchThrowableOfType(InvalidInventoryException.class,
                () -> parse(MINIMAL.replace("user: ubuntu", "user: ubu\u001b[2Jntu")));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("U+001B");
            assertThat(p.line()).isEqualTo(3);
        });
    }

    @Test
    void aValueLongerThanAnyPathIsRefusedAndNotQuotedInFull() {
        String huge = "a".repeat(5000);
        InvalidInventoryException e = catchThrowableOfType(InvalidInventoryException.class,
                () -> parse(MINIMAL.replace("ssh: {user: ubuntu}", "ssh: {user: ubuntu, identity_file: " + huge + "}")));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("5000 characters").contains("4096");
            assertThat(p.line()).isEqualTo(3);
        });
    }

    @Test
    void aCommandInAHostNameIsRefusedNeverExpanded() {
        InvalidInventoryException e = catchThrowableOfType(InvalidInventoryException.class,
                () -> parse(MINIMAL.replace("hosts: node{1...4}.example.net", "hosts: \"node1;rm -rf /\"")));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("contains ';'").contains("refused");
            assertThat(p.line()).isEqualTo(10);
            assertThat(p.column()).isEqualTo("    hosts: \"node1".length() + 1);
        });
    }

    @Test
    void aCommandSubstitutionInAMountPathIsRefused() {
        InvalidInventoryException e = catchThrowableOfType(InvalidInventoryException.class,
                () -> parse(MINIMAL.replace("\"/mnt/drive{1...4}\"", "\"/mnt/$(reboot)\"")));

        assertThat(e.getMessage()).contains("mount path '/mnt/$(reboot)'").contains("contains '$'");
    }

    @Test
    void backticksAndNewlinesInUserOrPoolNameAreRefused() {
        assertThat(catchThrowableOfType(InvalidInventoryException.class,
                () -> parse(MINIMAL.replace("user: ubuntu", "user: \"ubuntu`id`\""))).getMessage()).contains("contains '`'");
        assertThat(catchThrowableOfType(InvalidInventoryException.class,
                () -> parse(MINIMAL.replace("name: pool1", "name: \"pool1\\nreboot\""))).getMessage()).contains("a line break");
    }

    @Test
    void javaTypeTagsAreNeverInstantiated() {
        String text = MINIMAL.replace("cluster: {name: t}",
                "cluster: {name: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://example.invalid/\"]]]]}");

        InvalidInventoryException e = catchThrowableOfType(InvalidInventoryException.class, () -> parse(text));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.message()).contains("tag is not allowed");
        });
    }

    @Test
    void deepNestingIsRefused() {
        String text = MINIMAL + "x: " + "[".repeat(200) + "]".repeat(200) + "\n";

        InvalidInventoryException e = catchThrowableOfType(InvalidInventoryException.class, () -> parse(text));

        assertThat(e.getMessage()).containsAnyOf("nested deeper", "Nesting");
    }

    @Test
    void aRunawayRangeIsRefusedBeforeExpanding() {
        InvalidInventoryException e = catchThrowableOfType(InvalidInventoryException.class,
                () -> parse(MINIMAL.replace("node{1...4}", "node{1...999999999}")));

        assertThat(e.getMessage()).contains("expands to more than 10000 names");
    }
}
