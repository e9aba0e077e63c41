package dev.aistorctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        assertThat(output).contains("aistorctl " + Version.number());
        assertThat(Files.exists(root.resolve("aistorctl/target/aistorctl.jar"))).isTrue();
    }

    /** A bare --help or --version is printed without picocli (PlainHelp); any other line goes through picocli: the same text. */
    @Test
    void theRootHelpAndVersionReadTheSameWithoutPicocli() throws IOException, InterruptedException {
        String launcher = Path.of(System.getProperty("aistorctl.root", ".")).toAbsolutePath().resolve("bin/aistorctl").toString();
        for (String option : new String[] {"--help", "-h", "--version", "-V"}) {
            Run plain = run(null, launcher, option);
            Run picocli = run(null, launcher, "--no-color", option);
            assertThat(plain.exit()).as(option).isZero();
            assertThat(picocli.exit()).as(option).isZero();
            assertThat(plain.output()).as(option).isNotBlank().isEqualTo(picocli.output());
        }
    }

    /**
     * A command that works on hosts runs with an archive of its own, made on first use from the recorded class list,
     * which holds picocli's classes too; an archive the JVM cannot use (another JDK wrote it, or it is damaged) only
     * costs the start its speed.
     */
    @Test
    void aHostCommandStartsFromItsOwnArchiveAndRunsWithoutAUsableOne() throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("aistorctl.root", ".")).toAbsolutePath();
        String launcher = root.resolve("bin/aistorctl").toString();
        Path archive = root.resolve("aistorctl/target/aistorctl-hosts.jsa");
        Files.deleteIfExists(archive);

        Run made = run(null, Map.of("AISTORCTL_JAVA_OPTS", "-Xlog:class+load=info"), launcher, "facts", "--local", "-o", "json");
        assertThat(made.exit()).as(made.output()).isZero();
        assertThat(archive).as("made on first use").exists();
        assertThat(made.output()).contains("\"hosts\"")
                .containsPattern("com\\.fasterxml\\.jackson\\.databind\\.ObjectMapper source: shared objects file")
                .as("picocli's Java 5 classes are in this archive").containsPattern("picocli\\.CommandLine source: shared objects file");

        try {
            Files.delete(archive);
            Files.writeString(archive, "not a class-data archive");
            Run unusable = run(null, launcher, "facts", "--local", "-o", "json");
            assertThat(unusable.exit()).as(unusable.output()).isZero();
            assertThat(unusable.output()).contains("\"hosts\"");
        } finally {
            Files.deleteIfExists(archive);   // the next command that works on hosts makes it again
        }
    }

    /**
     * The demo needs root. On a fresh server a root shell often has no sudo: there it runs as it is; any other user
     * without sudo is told to use a root shell, exit 2. Both with a PATH that holds every command of this machine but sudo.
     */
    @Test
    void theDemoRunsFromARootShellWithoutSudoAndAnyOtherUserIsToldToUseOne(@TempDir Path dir) throws IOException, InterruptedException {
        assertThat(System.getProperty("user.name")).as("this test runs as root").isEqualTo("root");
        Path launcher = Path.of(System.getProperty("aistorctl.root", ".")).toAbsolutePath().resolve("bin/aistorctl");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        try (var commands = Files.list(Path.of("/usr/bin"))) {
            for (Path c : commands.filter(c -> !c.getFileName().toString().equals("sudo")).toList()) {
                Files.createSymbolicLink(bin.resolve(c.getFileName()), c);
            }
        }
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));

        Run asRoot = run(bin, launcher.toString(), "demo", "--help");
        assertThat(asRoot.exit()).as(asRoot.output()).isZero();
        assertThat(asRoot.output()).contains("Usage: aistorctl demo").doesNotContain("through sudo")
                .as("its examples begin as a root shell runs them").contains("\n  aistorctl demo ");

        Run asNobody = run(bin, "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", launcher.toString(), "demo", "--help");
        assertThat(asNobody.exit()).as(asNobody.output()).isEqualTo(2);
        assertThat(asNobody.output()).contains("demo needs root").contains("run it from a root shell").doesNotContain("Usage:");
    }

    private record Run(int exit, String output) {
    }

    /** {@code argv} run with {@code path} as its PATH, or this process's PATH when null. */
    private static Run run(Path path, String... argv) throws IOException, InterruptedException {
        return run(path, Map.of(), argv);
    }

    /** As above, with {@code environment} added to this process's. */
    private static Run run(Path path, Map<String, String> environment, String... argv) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().putAll(environment);
        if (path != null) {
            pb.environment().put("PATH", path.toString());
        }
        Process process = pb.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("launcher finished").isTrue();
        return new Run(process.exitValue(), output);
    }
}
