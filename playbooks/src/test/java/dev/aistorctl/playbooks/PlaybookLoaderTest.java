package dev.aistorctl.playbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.core.InvalidConfigException;
import dev.aistorctl.core.UsageException;
import org.junit.jupiter.api.Test;

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
    void an_unknown_built_in_suggests_the_closest() {
        assertThatThrownBy(() -> loader.resolve("pign")).isInstanceOf(UsageException.class)
                .hasMessage("no built-in playbook named 'pign'; did you mean 'ping'?");
    }
}
