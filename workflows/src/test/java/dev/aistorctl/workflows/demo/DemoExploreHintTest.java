package dev.aistorctl.workflows.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The commands a kept demo lab suggests run as typed from the shell that started the demo. */
class DemoExploreHintTest {
    private static final Path HOME = Path.of("/root/.aistorctl/lab/demo");

    private static List<String> commands(boolean throughSudo) {
        return Demo.howToExplore(HOME.resolve("inventory.yaml"), HOME.resolve("id_ed25519"), HOME.resolve("known_hosts"),
                "10.213.1.11", "demo", throughSudo).stream().filter(l -> l.startsWith("  ")).map(String::strip).toList();
    }

    @Test
    void startedWithSudoEveryCommandGoesThroughSudoForTheLabsFilesAreRoots() {
        assertThat(commands(true)).hasSize(4).allMatch(c -> c.startsWith("sudo "))
                .contains("sudo aistorctl status -i /root/.aistorctl/lab/demo/inventory.yaml --probe",
                        "sudo aistorctl lab down --name demo");
    }

    @Test
    void fromARootShellNoCommandNeedsSudo() {
        assertThat(commands(false)).hasSize(4).noneMatch(c -> c.contains("sudo"))
                .contains("ssh -i /root/.aistorctl/lab/demo/id_ed25519 -o UserKnownHostsFile=/root/.aistorctl/lab/demo/known_hosts"
                        + " root@10.213.1.11");
    }
}
