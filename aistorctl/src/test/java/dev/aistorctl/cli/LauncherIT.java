package dev.aistorctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher a fresh clone uses: runs after `package`, so the jar it finds is current. */
class LauncherIT {
    private static final Path ROOT = Path.of(System.getProperty("aistorctl.root", ".")).toAbsolutePath();
    private static final Path LAUNCHER = ROOT.resolve("bin/aistorctl");
    private static final Path HOSTS_ARCHIVE = ROOT.resolve("aistorctl/target/aistorctl-hosts.jsa");
    private static final Path HOSTS_STAMP = ROOT.resolve("aistorctl/target/aistorctl-hosts.jsa.jdk");

    @Test
    void binAistorctlRunsTheBuiltJar() throws IOException, InterruptedException {
        Path launcher = LAUNCHER;
        assertThat(launcher).isExecutable();

        Process process = new ProcessBuilder(launcher.toString(), "--version").redirectErrorStream(true).start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("launcher finished").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("aistorctl " + Version.number());
        assertThat(Files.exists(ROOT.resolve("aistorctl/target/aistorctl.jar"))).isTrue();
    }

    /** A bare --help or --version is printed without picocli (PlainHelp); any other line goes through picocli: the same text. */
    @Test
    void theRootHelpAndVersionReadTheSameWithoutPicocli() throws IOException, InterruptedException {
        String launcher = LAUNCHER.toString();
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
     * which holds picocli's classes too; an archive the JVM cannot use (damaged, say) only costs the start its speed.
     */
    @Test
    void aHostCommandStartsFromItsOwnArchiveAndRunsWithoutAUsableOne() throws IOException, InterruptedException {
        String launcher = LAUNCHER.toString();
        Files.deleteIfExists(HOSTS_ARCHIVE);
        Files.deleteIfExists(HOSTS_STAMP);

        try {
            Run made = run(null, Map.of("AISTORCTL_JAVA_OPTS", "-Xlog:class+load=info"), launcher, "facts", "--local", "-o", "json");
            assertThat(made.exit()).as(made.output()).isZero();
            assertThat(HOSTS_ARCHIVE).as("made on first use").exists();
            assertThat(HOSTS_STAMP).as("the JDK that made it, beside it").exists();
            assertThat(Files.readString(HOSTS_STAMP)).isNotBlank();
            assertThat(made.output()).contains("\"hosts\"")
                    .containsPattern("com\\.fasterxml\\.jackson\\.databind\\.ObjectMapper source: shared objects file")
                    .as("picocli's Java 5 classes are in this archive").containsPattern("picocli\\.CommandLine source: shared objects file");

            // Stamped as this JDK but damaged: the launcher trusts the stamp (no JVM start to check it), the JVM
            // refuses the archive, and the command runs without it.
            replaceWithDamagedArchive(HOSTS_ARCHIVE);
            Run unusable = run(null, launcher, "facts", "--local", "-o", "json");
            assertThat(unusable.exit()).as(unusable.output()).isZero();
            assertThat(unusable.output()).contains("\"hosts\"");
            assertThat(Files.size(HOSTS_ARCHIVE)).as("a stamp of this JDK is taken at its word").isLessThan(100);
        } finally {
            Files.deleteIfExists(HOSTS_ARCHIVE);   // the next command that works on hosts makes it again
            Files.deleteIfExists(HOSTS_STAMP);
        }
    }

    /**
     * After a JDK upgrade the JVM would ignore the archive without a word, at every start from then on: an archive
     * whose stamp names another JDK is made again, newer than the jar as it is.
     */
    @Test
    void anArchiveAnotherJdkMadeIsMadeAgain() throws IOException, InterruptedException {
        String launcher = LAUNCHER.toString();
        Files.deleteIfExists(HOSTS_ARCHIVE);
        Files.deleteIfExists(HOSTS_STAMP);

        try {
            assertThat(run(null, launcher, "facts", "--local", "-o", "json").exit()).isZero();
            String thisJdk = Files.readString(HOSTS_STAMP);
            assertThat(thisJdk).isNotBlank();

            // What an upgrade leaves: an archive (here one the JVM cannot map either) stamped by the JDK before.
            replaceWithDamagedArchive(HOSTS_ARCHIVE);
            Files.writeString(HOSTS_STAMP, "2049:1234:14392:1700000000.0000000000\n");
            Run upgraded = run(null, Map.of("AISTORCTL_JAVA_OPTS", "-Xlog:class+load=info"), launcher, "facts", "--local", "-o", "json");
            assertThat(upgraded.exit()).as(upgraded.output()).isZero();
            assertThat(Files.readString(HOSTS_STAMP)).as("stamped by the JDK that made it again").isEqualTo(thisJdk);
            assertThat(Files.size(HOSTS_ARCHIVE)).as("an archive again").isGreaterThan(1_000_000);
            assertThat(upgraded.output()).as("and this very start used it")
                    .containsPattern("com\\.fasterxml\\.jackson\\.databind\\.ObjectMapper source: shared objects file");
            assertThat(ROOT.resolve("aistorctl/target")).as("no half-written archive or stamp left")
                    .isDirectoryNotContaining("glob:**/aistorctl-hosts.jsa.[0-9]*")
                    .isDirectoryNotContaining("glob:**/aistorctl-hosts.jsa.jdk.[0-9]*");
        } finally {
            Files.deleteIfExists(HOSTS_ARCHIVE);
            Files.deleteIfExists(HOSTS_STAMP);
        }
    }

    /**
     * A class list the JVM cannot read (here a line of no kind it knows; after a JDK upgrade, one the new JDK refuses)
     * fails the dump: the command runs without an archive, and the next start does not pay for the same failed dump
     * again. In a copy of the launcher beside this build's jar, with a class list of its own.
     */
    @Test
    void aClassListThatFailsToDumpLeavesTheCommandWorkingAndIsNotTriedAtEveryStart(@TempDir Path dir)
            throws IOException, InterruptedException {
        Path launcher = Files.createDirectories(dir.resolve("bin")).resolve("aistorctl");
        Files.copy(ROOT.resolve("bin/aistorctl"), launcher, StandardCopyOption.COPY_ATTRIBUTES);
        Path target = Files.createDirectories(dir.resolve("aistorctl/target"));
        Files.createSymbolicLink(target.resolve("aistorctl.jar"), ROOT.resolve("aistorctl/target/aistorctl.jar"));
        Path classData = Files.createDirectories(dir.resolve("aistorctl/src/main/class-data"));
        Files.writeString(classData.resolve("host-commands.classlist"), "java/lang/Object\n@no-such-kind of line\n");
        // Older than the jar, as sources are after a build: the launcher must not think the jar stale and build.
        FileTime before = FileTime.fromMillis(
                Files.getLastModifiedTime(ROOT.resolve("aistorctl/target/aistorctl.jar")).toMillis() - 60_000);
        for (Path p : List.of(classData.resolve("host-commands.classlist"), classData, classData.getParent(),
                classData.getParent().getParent())) {
            Files.setLastModifiedTime(p, before);
        }
        Path stamp = target.resolve("aistorctl-hosts.jsa.jdk");

        Run first = run(null, launcher.toString(), "facts", "--local", "-o", "json");
        assertThat(first.exit()).as(first.output()).isZero();
        assertThat(first.output()).contains("\"hosts\"");
        assertThat(target.resolve("aistorctl-hosts.jsa")).doesNotExist();
        assertThat(Files.readString(stamp)).as("the failure remembered").endsWith(" dump-failed\n");
        FileTime failedAt = Files.getLastModifiedTime(stamp);

        Run second = run(null, launcher.toString(), "facts", "--local", "-o", "json");
        assertThat(second.exit()).as(second.output()).isZero();
        assertThat(second.output()).contains("\"hosts\"");
        assertThat(Files.getLastModifiedTime(stamp)).as("not dumped again: the stamp is as the first start left it").isEqualTo(failedAt);
    }

    /** Newer than the jar, so that only its stamp can say it must be made again. */
    private static void replaceWithDamagedArchive(Path archive) throws IOException {
        Files.delete(archive);   // the launcher writes it read-only
        Files.writeString(archive, "not a class-data archive");
    }

    /**
     * Java Flight Recorder (or a Java agent) and the host commands' archive crash the JVM as the SSH connector reads
     * known_hosts: asked for in the JVM's options, the launcher runs without the archive, and the command ends as it
     * would (here: its one host refuses the connection) with the recording written.
     */
    @Test
    void aCommandProfiledWithFlightRecorderRunsWithoutTheArchiveAndEndsAsItWould(@TempDir Path dir)
            throws IOException, InterruptedException {
        Path key = dir.resolve("id_ed25519");
        assertThat(run(null, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()).exit()).isZero();
        String[] publicKey = Files.readString(dir.resolve("id_ed25519.pub")).split(" ");
        Files.writeString(dir.resolve("known_hosts"), "127.0.0.1 " + publicKey[0] + " " + publicKey[1] + "\n");
        Files.writeString(dir.resolve("password"), "not-used-here\n");
        Path inventory = Files.writeString(dir.resolve("inventory.yaml"), String.join("\n",
                "version: 1",
                "cluster: {name: launcher, hardware_profile: lab}",
                "ssh: {user: root, port: 1, identity_file: " + key + ", known_hosts: " + dir.resolve("known_hosts") + "}",
                "node: {flavour: s3proxy, root_user: aistoradmin, root_password: {file: " + dir.resolve("password") + "}}",
                "pools:",
                "  - {name: pool1, hosts: h1, drives: {count: 1, select: {transport: any}, mount: /mnt/drive1}}",
                "hosts:",
                "  h1: {address: 127.0.0.1}", ""));
        Path recording = dir.resolve("facts.jfr");

        Run profiled = run(null, Map.of("AISTORCTL_JAVA_OPTS", "-XX:StartFlightRecording=filename=" + recording),
                LAUNCHER.toString(), "facts", "-i", inventory.toString());

        assertThat(profiled.exit()).as(profiled.output()).isEqualTo(1);
        assertThat(profiled.output()).containsPattern("h1 +unreachable: h1: connect to 127.0.0.1:1: connection refused")
                .contains("with -XX:StartFlightRecording the class-data archive is left out");
        assertThat(recording).as("the recording").isNotEmptyFile();
    }

    /**
     * The demo needs root. On a fresh server a root shell often has no sudo: there it runs as it is; any other user
     * without sudo is told to use a root shell, exit 2. Both with a PATH that holds every command of this machine but sudo.
     */
    @Test
    void theDemoRunsFromARootShellWithoutSudoAndAnyOtherUserIsToldToUseOne(@TempDir Path dir) throws IOException, InterruptedException {
        assertThat(System.getProperty("user.name")).as("this test runs as root").isEqualTo("root");
        Path launcher = LAUNCHER;
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
