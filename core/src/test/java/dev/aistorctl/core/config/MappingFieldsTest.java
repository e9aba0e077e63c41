package dev.aistorctl.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.nodes.MappingNode;

class MappingFieldsTest {
    private static final List<String> KNOWN = List.of("count", "mount", "select");

    @Test
    void duplicate_unknown_and_merge_keys_are_all_reported_where_they_are_written() {
        YamlDocument doc = YamlReader.of("inventory").parse("d.yaml", "count: 8\ncuont: 4\ncount: 9\n<<: {mount: /x}\n");
        Problems problems = doc.collecting();

        MappingFields fields = new MappingFields((MappingNode) doc.root(), "in drives", KNOWN, problems);

        assertThat(problems.list()).extracting(Problem::oneLine).containsExactly(
                "d.yaml:2:1: unknown key 'cuont' in drives; did you mean 'count'?",
                "d.yaml:3:1: duplicate key 'count' in drives (first at line 1); remove one of them; YAML keeps only the last, silently",
                "d.yaml:4:1: merge key '<<' in drives is not supported; write the keys out; a configuration file is read by people at 3 a.m.");
        assertThat(fields.get("count").getStartMark().getLine()).isZero();
        assertThat(problems.list()).extracting(Problem::offendingText).containsExactly("cuont: 4", "count: 9", "<<: {mount: /x}");
    }

    @Test
    void an_unknown_key_far_from_every_known_one_lists_them() {
        YamlDocument doc = YamlReader.of("inventory").parse("d.yaml", "replication: 3\n");
        Problems problems = doc.collecting();

        new MappingFields((MappingNode) doc.root(), "in drives", KNOWN, problems);

        assertThat(problems.list()).singleElement().extracting(Problem::hint).isEqualTo("known keys in drives: count, mount, select");
    }

    @Test
    void a_missing_key_that_a_typo_stands_for_is_not_reported_twice() {
        YamlDocument doc = YamlReader.of("inventory").parse("d.yaml", "cuont: 8\n");
        Problems problems = doc.collecting();

        MappingFields fields = new MappingFields((MappingNode) doc.root(), "in drives", KNOWN, problems);

        assertThat(fields.required("count", null, "")).isNull();
        assertThat(fields.required("mount", null, "mount: /mnt/drive{1...8}")).isNull();
        assertThat(problems.list()).extracting(Problem::message)
                .containsExactly("unknown key 'cuont' in drives", "missing required key 'mount' in drives");
    }

    @Test
    void a_fail_fast_list_throws_the_first_problem_in_one_line() {
        YamlDocument doc = YamlReader.of("tuning profile").parse("t.yaml", "a: 1\na: 2\nb: 3\n");

        assertThatThrownBy(() -> new MappingFields((MappingNode) doc.root(), "in sysctl", null, doc.failFast()))
                .isInstanceOf(InvalidConfigFileException.class)
                .hasMessage("t.yaml:2:1: duplicate key 'a' in sysctl (first at line 1); remove one of them; YAML keeps only the last, silently");
    }
}
