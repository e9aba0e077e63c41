package dev.aistorctl.workflows.tune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryLoader;
import dev.aistorctl.playbooks.Playbook;
import dev.aistorctl.playbooks.PlaybookStep;
import dev.aistorctl.playbooks.tune.TuningProfiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The profile tune and provision apply: --profile, else the inventory's cluster.tuning_profile, else the built-in default. */
class TuneProfileChoiceTest {

    private static Inventory inventory(Path dir, String tuningProfile) throws IOException {
        String cluster = tuningProfile == null ? "cluster: {name: poc}\n" : "cluster: {name: poc, tuning_profile: " + tuningProfile + "}\n";
        Path file = dir.resolve("inventory.yaml");
        Files.writeString(file, "version: 1\n" + cluster + """
                ssh: {user: root}
                node:
                  flavour: minio
                  binary: {path: artifacts/minio, sha256: 3f9c5e0b8a41d2c67e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d}
                  root_user: admin
                  root_password: {file: secrets/root-password}
                pools:
                  - name: pool1
                    hosts: [node01]
                    drives: {count: 4, select: {transport: nvme}, mount: "/mnt/drive{1...4}"}
                """);
        return InventoryLoader.load(file);
    }

    private static List<String> described(Playbook book) {
        return book.steps().stream().map(PlaybookStep::step).map(s -> s.describe()).toList();
    }

    @Test
    void theInventorysSiteProfileFileIsWhatTheTunePlaybookIsBuiltFrom(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("site"));
        Files.writeString(dir.resolve("site/tuning.yaml"), """
                version: 1
                name: site-powersave
                cpu: {governor: powersave}
                block: {nvme_scheduler: mq-deadline}
                """);
        // Relative to the inventory file, not to the directory aistorctl runs in.
        Inventory inv = inventory(dir, "site/tuning.yaml");

        String profile = TuneStage.profile(inv, null);
        assertThat(profile).isEqualTo(dir.resolve("site/tuning.yaml").toString());
        assertThat(TuningProfiles.resolve(profile).name()).isEqualTo("site-powersave");
        assertThat(described(TuneStage.playbook(profile, false, false)))
                .contains("cpu governor powersave", "nvme scheduler mq-deadline", "transparent huge pages");
    }

    @Test
    void aProfileGivenOnTheCommandLineWinsAndABuiltInNameIsKept(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("other.yaml"), "version: 1\nname: other\ncpu: {governor: schedutil}\n");
        Inventory inv = inventory(dir, "aistor-performance");

        assertThat(TuneStage.profile(inv, null)).isEqualTo("aistor-performance");
        assertThat(TuneStage.profile(inv, dir.resolve("other.yaml").toString())).isEqualTo(dir.resolve("other.yaml").toString());
        assertThat(TuneStage.profile(inventory(dir, null), null)).isEqualTo(TuningProfiles.DEFAULT);
    }
}
