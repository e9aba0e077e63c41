package dev.aistorctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** inventory init's refusals, before any host is asked; the gathering itself is InventoryInitIT's. */
class InventoryInitCommandTest {

    @Test
    void anExistingOutIsRefusedWithExitTwoAndLeftAsItWas(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("inventory.yaml");
        Files.writeString(out, "mine\n");

        CliRun run = CliRun.of("inventory", "init", "--hosts", "node1", "--ssh-user", "root", "--out", out.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(out + " exists").contains("--force");
        assertThat(out).hasContent("mine");
    }

    @Test
    void aBadHostListIsAUsageErrorNamingIt(@TempDir Path dir) {
        CliRun run = CliRun.of("inventory", "init", "--hosts", "node{1...3", "--ssh-user", "root", "--out", dir.resolve("i.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--hosts: 'node{1...3'");
        assertThat(dir.resolve("i.yaml")).doesNotExist();
    }

    @Test
    void helpShowsTheOptionsAndExamples() {
        CliRun run = CliRun.of("inventory", "init", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--hosts", "--ssh-user", "--identity-file", "--known-hosts", "--jump-host",
                "--accept-new-host-keys", "--out", "--force", "Examples:");
    }
}
