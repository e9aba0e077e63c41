package dev.aistorctl.playbooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.core.LocalConnector;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.playbooks.journal.Journal;
import dev.aistorctl.playbooks.lock.HostLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file step against this machine, through the whole runner with a real host lock. */
class FileContentTest {
    @TempDir
    Path dir;

    private RunResult run(String yaml, boolean dryRun) {
        Playbook pb = new PlaybookLoader(StepRegistry.builtIn()).parse("f.yaml", "f.yaml", yaml);
        String id = RunIds.next(Instant.now());
        try (Journal journal = Journal.create(dir.resolve("runs"), id, new Redactor())) {
            return Runner.builder().runId(id).journal(journal).connect(h -> new LocalConnector(h.name()))
                    .lock(new HostLock(dir.resolve("lock").toString())).build()
                    .run(pb, List.of(new InventoryHost("localhost", "localhost", "p", null, List.of())),
                            RunOptions.defaults(1).withDryRun(dryRun));
        }
    }

    @Test
    void a_file_converges_and_a_second_run_changes_nothing() throws Exception {
        Path target = dir.resolve("limits.conf");
        String yaml = "version: 1\nname: f\nsteps:\n  - step: file\n    path: " + target
                + "\n    content: \"minio soft nofile 1048576\\n\"\n    mode: \"0640\"\n";

        RunResult dry = run(yaml, true);
        assertThat(dry.hosts().get(0).steps().get(0).status()).isEqualTo(StepStatus.CHANGED);
        assertThat(target).doesNotExist();

        RunResult first = run(yaml, false);
        assertThat(first.hosts().get(0).error()).isNull();
        assertThat(first.hosts().get(0).outcome()).isEqualTo(StepStatus.CHANGED);
        assertThat(Files.readString(target)).isEqualTo("minio soft nofile 1048576\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r-----");

        RunResult second = run(yaml, false);
        assertThat(second.hosts().get(0).outcome()).isEqualTo(StepStatus.OK);
        assertThat(second.hosts().get(0).steps().get(0).reason()).startsWith("already 26 bytes, sha256 ");

        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-rw-rw-"));
        RunResult third = run(yaml, false);
        assertThat(third.hosts().get(0).steps().get(0).plan().changes())
                .containsExactly(Change.of(ChangeKey.of("file mode", target.toString()), target + " mode", "0666", "0640"));
    }
}
