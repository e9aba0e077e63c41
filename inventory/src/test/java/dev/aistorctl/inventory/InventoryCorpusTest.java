package dev.aistorctl.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file under inventories/bad states on its first line where the problem is and which words
 * its message must contain: {@code # expect: line=14 words=unknown key,did you mean 'drives'}.
 * Every file under inventories/good, and every shipped example, loads without a problem.
 */
class InventoryCorpusTest {
    private static final Pattern EXPECT = Pattern.compile("# expect: line=(\\d+) words=(.+)");

    static Stream<Path> badInventories() throws IOException {
        return files("inventories/bad");
    }

    static Stream<Path> goodInventories() throws IOException {
        return Stream.concat(files("inventories/good"), Files.list(Path.of("examples")).sorted());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInventories")
    void badInventoryIsRejectedAtTheStatedLineWithTheStatedWords(Path file) throws IOException {
        String firstLine = Files.readAllLines(file, StandardCharsets.UTF_8).get(0);
        Matcher m = EXPECT.matcher(firstLine);
        assertThat(m.matches()).as("first line of %s states the expectation", file.getFileName()).isTrue();
        int line = Integer.parseInt(m.group(1));
        List<String> words = List.of(m.group(2).split(","));

        InvalidInventoryException e = catchThrowableOfType(InvalidInventoryException.class, () -> InventoryLoader.load(file));

        assertThat(e).as("%s is rejected", file.getFileName()).isNotNull();
        assertThat(e.problems())
                .as("problems of %s:%n%s", file.getFileName(), e.getMessage())
                .anySatisfy(p -> {
                    assertThat(p.line()).isEqualTo(line);
                    String text = (p.message() + " " + p.hint()).toLowerCase(Locale.ROOT);
                    for (String w : words) {
                        assertThat(text).contains(w.strip().toLowerCase(Locale.ROOT));
                    }
                });
        assertThat(e.problems()).allSatisfy(p -> assertThat(p.file()).isEqualTo(file.toString()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodInventories")
    void goodInventoryLoadsWithoutProblems(Path file) {
        Inventory inventory = InventoryLoader.load(file);

        assertThat(inventory.version()).isEqualTo(1);
        assertThat(inventory.hosts()).isNotEmpty();
        assertThat(inventory.source()).isEqualTo(file);
    }

    @Test
    void corpusCoversAtLeastThirtyBadInventories() throws IOException {
        assertThat(badInventories().count()).isGreaterThanOrEqualTo(30);
    }

    @Test
    void aGoodFileTurnedIntoGarbageIsNotAccepted() throws IOException {
        Path good = files("inventories/good").findFirst().orElseThrow();
        byte[] text = Files.readAllBytes(good);
        byte[] broken = new String(text, StandardCharsets.UTF_8).replace("pools:", "pools: [").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> InventoryLoader.parse(good, broken)).isInstanceOf(InvalidInventoryException.class);
    }

    private static Stream<Path> files(String resource) throws IOException {
        try {
            Path dir = Path.of(InventoryCorpusTest.class.getClassLoader().getResource(resource).toURI());
            Path root = Path.of("").toAbsolutePath();
            return Files.list(dir).filter(p -> p.toString().endsWith(".yaml")).sorted().map(root::relativize).toList().stream();
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }
}
