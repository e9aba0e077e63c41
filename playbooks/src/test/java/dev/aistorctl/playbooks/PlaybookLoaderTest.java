package dev.aistorctl.playbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.core.InvalidConfigException;
import dev.aistorctl.core.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlaybookLoaderTest {
    private final PlaybookLoader loader = new PlaybookLoader(StepRegistry.builtIn());

    @Test
    void the_built_in_ping_playbook_loads() {
        Playbook ping = loader.resolve("ping");
        assertThat(ping.name()).isEqualTo("ping");
        assertThat(ping.source()).isEqualTo("builtin:ping");
        assertThat(ping.steps()).extracting(PlaybookStep::name)
                .containsExactly("reachable as the login user", "reachable as root");
        assertThat(PlaybookLoader.builtInNames()).contains("ping");
    }

    @Test
    void an_unknown_step_type_is_located_and_the_closest_suggested() {
        String yaml = "version: 1\nname: x\nsteps:\n  - step: reachable\n  - step: fiel\n    path: /etc/x\n";
        assertThatThrownBy(() -> loader.parse("site.yaml", "site.yaml", yaml))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("site.yaml:5:5: unknown step type 'fiel'; did you mean 'file'?");
    }

    @Test
    void an_unknown_parameter_is_located_at_its_key() {
        String yaml = "version: 1\nname: x\nsteps:\n  - step: file\n    path: /etc/x\n    contnet: hi\n";
        assertThatThrownBy(() -> loader.parse("site.yaml", "site.yaml", yaml))
                .hasMessage("site.yaml:6:5: step 'file': parameter 'contnet' unknown parameter; did you mean 'content'?");
    }

    @Test
    void a_bad_parameter_value_says_what_was_expected() {
        String yaml = "version: 1\nname: x\nsteps:\n  - step: file\n    path: /etc/x\n    content: hi\n    mode: rw\n";
        assertThatThrownBy(() -> loader.parse("site.yaml", "site.yaml", yaml))
                .hasMessage("site.yaml:7:5: step 'file': parameter 'mode' must be an octal file mode such as 0644, not 'rw'");
    }

    @Test
    void version_name_and_steps_are_required() {
        assertThatThrownBy(() -> loader.parse("p.yaml", "p.yaml", "name: x\nsteps: [{step: reachable}]\n"))
                .hasMessage("p.yaml:1:1: 'version: 1' is required");
        assertThatThrownBy(() -> loader.parse("p.yaml", "p.yaml", "version: 2\nname: x\nsteps: [{step: reachable}]\n"))
                .hasMessage("p.yaml:1:10: version 2 is not supported; this aistorctl reads version 1");
        assertThatThrownBy(() -> loader.parse("p.yaml", "p.yaml", "version: 1\nname: x\nsteps: []\n"))
                .hasMessage("p.yaml:3:8: 'steps' must be a non-empty list of steps");
        assertThatThrownBy(() -> loader.parse("p.yaml", "p.yaml", "version: 1\nname: x\nstep: []\n"))
                .hasMessage("p.yaml:3:1: unknown playbook key 'step'; did you mean 'steps'?");
    }

    @Test
    void broken_yaml_is_located() {
        assertThatThrownBy(() -> loader.parse("p.yaml", "p.yaml", "version: 1\nname: [x\n"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("p.yaml:3:1: not valid YAML");
    }

    @Test
    void a_duplicate_key_is_refused_where_it_is_written_again_at_any_depth() {
        assertThatThrownBy(() -> loader.parse("p.yaml", "p.yaml", "version: 1\nname: x\nname: y\nsteps: [{step: reachable}]\n"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("p.yaml:3:1: duplicate key 'name' in the playbook (first at line 2); remove one of them; YAML keeps only the last, silently");
        String inStep = "version: 1\nname: x\nsteps:\n  - step: file\n    path: /etc/a\n    content: hi\n    path: /etc/b\n";
        assertThatThrownBy(() -> loader.parse("p.yaml", "p.yaml", inStep))
                .hasMessageStartingWith("p.yaml:7:5: duplicate key 'path' in step 1 (first at line 5)");
        String inValue = "version: 1\nname: x\nsteps:\n  - step: sysctl\n    values:\n      vm.swappiness: \"0\"\n      vm.swappiness: \"10\"\n";
        assertThatThrownBy(() -> loader.parse("p.yaml", "p.yaml", inValue))
                .hasMessageStartingWith("p.yaml:7:7: duplicate key 'vm.swappiness' in 'values' (first at line 6)");
    }

    @Test
    void a_value_of_the_wrong_type_is_located() {
        assertThatThrownBy(() -> loader.parse("p.yaml", "p.yaml", "- version: 1\n- name: x\n"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("p.yaml:1:1: a playbook is a mapping with version, name and steps, not a list");
        assertThatThrownBy(() -> loader.parse("p.yaml", "p.yaml", "version: 1\nname: [a, b]\nsteps: [{step: reachable}]\n"))
                .hasMessage("p.yaml:2:7: 'name' must be a single value, not a list");
    }

    @Test
    void an_unknown_key_in_a_step_list_is_located_with_the_likely_key() {
        assertThatThrownBy(() -> loader.parse("p.yaml", "p.yaml", "version: 1\nname: x\ndescriptoin: y\nsteps: [{step: reachable}]\n"))
                .hasMessage("p.yaml:3:1: unknown playbook key 'descriptoin'; did you mean 'description'?");
    }

    @Test
    void the_shared_reader_limits_apply(@TempDir Path dir) throws IOException {
        Path big = dir.resolve("big.yaml");
        Files.writeString(big, "version: 1\n# " + "x".repeat(1024 * 1024) + "\n");
        assertThatThrownBy(() -> loader.load(big)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining(big + ": file is larger than 1048576 bytes (1 MiB); a playbook is a few kilobytes");
        StringBuilder bomb = new StringBuilder("a: &a [x, x]\n");
        for (int i = 0; i < 20; i++) {
            bomb.append("k").append(i).append(": *a\n");
        }
        assertThatThrownBy(() -> loader.parse("p.yaml", "p.yaml", bomb.toString()))
                .hasMessageStartingWith("p.yaml:18:6: more than 16 aliases to lists or mappings");
        assertThatThrownBy(() -> loader.load(dir.resolve("none.yaml"))).isInstanceOf(UsageException.class)
                .hasMessage("playbook " + dir.resolve("none.yaml") + " does not exist");
    }

    @Test
    void an_unknown_built_in_suggests_the_closest() {
        assertThatThrownBy(() -> loader.resolve("pign")).isInstanceOf(UsageException.class)
                .hasMessage("no built-in playbook named 'pign'; did you mean 'ping'?");
    }
}
