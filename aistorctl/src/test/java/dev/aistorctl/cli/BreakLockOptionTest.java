package dev.aistorctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BreakLockOptionTest {
    /** Every command that takes host locks. */
    private static final List<String> LOCKING = List.of("run ping", "tune", "drives prepare", "node install", "node start",
            "node restart --yes", "provision");

    @TempDir
    Path dir;

    @BeforeEach
    void journalsInATempDir() {
        System.setProperty("aistorctl.home", dir.resolve("home").toString());
    }

    @AfterEach
    void restore() {
        System.clearProperty("aistorctl.home");
    }

    @Test
    void every_command_that_locks_hosts_offers_break_lock() {
        for (String command : LOCKING) {
            CliRun help = CliRun.of((command + " --help").split(" "));
            assertThat(help.exitCode()).as(command).isZero();
            assertThat(help.out()).as(command).contains("--break-lock=RUN-ID");
        }
    }

    @Test
    void break_lock_takes_a_run_id_and_anything_else_is_a_usage_error_before_any_host_is_reached() throws Exception {
        Path inv = inventory();
        for (String command : LOCKING) {
            List<String> argv = new java.util.ArrayList<>(List.of(command.split(" ")));
            argv.addAll(List.of("-i", inv.toString(), "--break-lock", "node1; reboot"));
            CliRun run = CliRun.of(argv.toArray(String[]::new));
            assertThat(run.exitCode()).as(command + ": " + run.err()).isEqualTo(2);
            assertThat(run.err()).as(command).contains("--break-lock takes a run id such as 20261125T151900Z-ab12")
                    .doesNotContain("connection refused");
        }
    }

    /** An inventory whose hosts point at a loopback port where nothing listens. */
    private Path inventory() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("known_hosts"), "");
        Files.writeString(dir.resolve("id"), "");
        return Files.writeString(dir.resolve("inventory.yaml"), """
                version: 1
                cluster: {name: t}
                ssh: {user: root, port: %d, identity_file: %s, known_hosts: %s, connect_timeout: 2s}
                node:
                  binary: {path: minio, sha256: 3f9c5e0b8a41d2c67e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d}
                  root_user: admin
                  root_password: {env: AISTOR_ROOT_PASSWORD_UNSET}
                pools:
                  - name: pool1
                    hosts: node{1...4}
                    drives: {count: 4, mount: "/mnt/drive{1...4}"}
                hosts:
                  node1: {address: 127.0.0.1}
                  node2: {address: 127.0.0.2}
                  node3: {address: 127.0.0.3}
                  node4: {address: 127.0.0.4}
                """.formatted(port, dir.resolve("id"), dir.resolve("known_hosts")));
    }
}
