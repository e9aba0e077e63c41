package dev.aistorctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The launcher a fresh clone uses: runs after `package`, so the jar it finds is current. */
class LauncherIT {

    @Test
    void binAistorctlRunsTheBuiltJar() throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("aistorctl.root", ".")).toAbsolutePath();
        Path launcher = root.resolve("bin/aistorctl");
        assertThat(launcher).isExecutable();

        Process process = new ProcessBuilder(launcher.toString(), "--version").redirectErrorStream(true).start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("launcher finished").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("aistorctl " + VersionProvider.version());
        assertThat(Files.exists(root.resolve("aistorctl/target/aistorctl.jar"))).isTrue();
    }
}
