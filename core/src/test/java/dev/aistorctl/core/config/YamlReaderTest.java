package dev.aistorctl.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aistorctl.core.ExitCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.ScalarNode;

class YamlReaderTest {
    private final YamlReader reader = YamlReader.of("playbook");

    @Test
    void a_file_is_composed_into_nodes_that_keep_their_positions(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, "version: 1\nname: x\n");

        YamlDocument doc = reader.read(file);

        MappingNode root = (MappingNode) doc.root();
        ScalarNode name = (ScalarNode) root.getValue().get(1).getValueNode();
        assertThat(name.getValue()).isEqualTo("x");
        assertThat(name.getStartMark().getLine() + 1).isEqualTo(2);
        assertThat(doc.source().label()).isEqualTo(file.toString());
        assertThat(doc.source().line(2)).isEqualTo("name: x");
    }

    @Test
    void a_tag_naming_a_java_class_is_refused_where_it_is_written() {
        assertThatThrownBy(() -> reader.parse("p.yaml", "version: 1\nname: !!java.lang.Runtime x\n"))
                .isInstanceOf(InvalidConfigFileException.class)
                .hasMessageStartingWith("p.yaml:2:7: not valid YAML syntax: Global tag is not allowed");
    }

    @Test
    void a_file_without_a_document_has_no_root() {
        assertThat(reader.parse("p.yaml", "# only a comment\n").root()).isNull();
    }

    @Test
    void a_syntax_error_names_the_line_quotes_it_and_hints() {
        InvalidConfigFileException e = catchThrowableOfType(InvalidConfigFileException.class,
                () -> reader.parse("p.yaml", "version: 1\nname: \"open\nsteps: []\n"));

        Problem p = e.problems().get(0);
        assertThat(p.location()).isEqualTo("p.yaml:4:1");
        assertThat(p.message()).startsWith("not valid YAML syntax: ");
        assertThat(p.hint()).isEqualTo("line 2 opens a quote (\") that is not closed on that line");
        assertThat(e.getMessage()).startsWith("p.yaml:4:1: not valid YAML syntax: ").endsWith("\n1 problem in playbook");
        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_CONFIG);
    }

    @Test
    void a_file_over_the_size_cap_is_refused_unread(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("big.yaml");
        Files.writeString(file, "a: " + "x".repeat(YamlReader.MAX_BYTES));

        assertThatThrownBy(() -> reader.read(file)).isInstanceOf(InvalidConfigFileException.class)
                .hasMessageStartingWith(file + ": file is larger than 1048576 bytes (1 MiB); a playbook is a few kilobytes");
        assertThatThrownBy(() -> YamlReader.of("inventory").parse("i.yaml", "a: " + "x".repeat(YamlReader.MAX_BYTES)))
                .hasMessageContaining("an inventory is a few kilobytes");
    }

    @Test
    void a_missing_file_is_left_to_the_caller_to_word(@TempDir Path dir) {
        assertThatThrownBy(() -> reader.read(dir.resolve("none.yaml"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void bytes_that_are_not_utf8_are_located_to_the_byte() {
        byte[] latin1 = "version: 1\nname: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);

        InvalidConfigFileException e = catchThrowableOfType(InvalidConfigFileException.class, () -> reader.parse("p.yaml", latin1));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo("p.yaml:2:10");
            assertThat(p.message()).isEqualTo("invalid UTF-8: byte 0xE9 at offset 20");
        });
    }

    @Test
    void every_control_character_is_reported() {
        InvalidConfigFileException e = catchThrowableOfType(InvalidConfigFileException.class,
                () -> reader.parse("p.yaml", "a: \u001b[31m\nb: x\u0007\n"));

        assertThat(e.problems()).extracting(Problem::location).containsExactly("p.yaml:1:4", "p.yaml:2:5");
        assertThat(e.getMessage()).endsWith("2 problems in playbook");
    }

    @Test
    void an_alias_bomb_is_refused_at_the_alias_that_crosses_the_limit() {
        StringBuilder bomb = new StringBuilder("a: &a [x, x]\n");
        for (int i = 0; i < 20; i++) {
            bomb.append("k").append(i).append(": *a\n");
        }

        InvalidConfigFileException e = catchThrowableOfType(InvalidConfigFileException.class, () -> reader.parse("p.yaml", bomb.toString()));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo("p.yaml:18:6");
            assertThat(p.message()).contains("more than 16 aliases");
            assertThat(p.hint()).isEqualTo("a playbook needs no aliases; write the values out");
        });
    }

    @Test
    void aliases_to_plain_values_are_refused_at_the_one_that_crosses_the_limit() {
        StringBuilder text = new StringBuilder("a: &a xxxxxxxx\n");
        for (int i = 0; i < 20; i++) {
            text.append("k").append(i).append(": *a\n");
        }

        InvalidConfigFileException e = catchThrowableOfType(InvalidConfigFileException.class, () -> reader.parse("p.yaml", text.toString()));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo("p.yaml:18:6");
            assertThat(p.message()).isEqualTo("more than 16 aliases to plain values");
            assertThat(p.hint()).isEqualTo("a playbook needs no aliases; write the values out");
        });
    }

    @Test
    void an_alias_inside_the_mapping_it_names_is_refused_at_the_alias() {
        // The merge key makes the mapping contain itself; every reader walking it would recurse without end.
        InvalidConfigFileException e = catchThrowableOfType(InvalidConfigFileException.class,
                () -> reader.parse("p.yaml", "defaults: &d\n  port: 22\n  <<: *d\n"));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.location()).isEqualTo("p.yaml:3:7");
            assertThat(p.message()).isEqualTo("alias *d is inside the list or mapping &d names: it would contain itself");
        });
        assertThatThrownBy(() -> reader.parse("p.yaml", "a: &l [1, [2, *l]]\n")).isInstanceOf(InvalidConfigFileException.class)
                .hasMessageContaining("p.yaml:1:15: alias *l is inside");
    }

    @Test
    void an_alias_after_its_mapping_closed_is_still_an_alias() {
        assertThat(reader.parse("p.yaml", "a: &d {port: 22}\nb: *d\nc: [&s x, *s]\n").root()).isNotNull();
    }

    @Test
    void a_few_aliases_to_plain_values_are_still_read() {
        assertThat(reader.parse("p.yaml", "a: &a x\n" + "k: *a\n".repeat(1)).root()).isNotNull();
    }

    @Test
    void nesting_beyond_the_limit_is_refused() {
        String deep = "a: ".repeat(1) + "[".repeat(YamlReader.MAX_NESTING + 2) + "]".repeat(YamlReader.MAX_NESTING + 2);

        assertThatThrownBy(() -> reader.parse("p.yaml", deep)).isInstanceOf(InvalidConfigFileException.class)
                .hasMessageContaining("nested deeper than 24 levels");
    }

    @Test
    void the_options_refuse_duplicates_and_bound_aliases_and_size() {
        var options = YamlReader.loaderOptions();

        assertThat(options.isAllowDuplicateKeys()).isFalse();
        assertThat(options.getMaxAliasesForCollections()).isEqualTo(YamlReader.MAX_COLLECTION_ALIASES);
        assertThat(options.getCodePointLimit()).isEqualTo(YamlReader.MAX_BYTES + 1);
        assertThat(options.getAllowRecursiveKeys()).isFalse();
    }
}
