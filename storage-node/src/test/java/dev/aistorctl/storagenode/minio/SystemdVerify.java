package dev.aistorctl.storagenode.minio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code systemd-analyze verify} on a rendered unit, offline. Two things make it work on a build
 * machine whose PID 1 is not systemd: {@code --root=DIR} with a copy of the system's unit directory
 * (verify loads {@code sysinit.target} and friends from the root), and the files the unit names
 * (the ExecStart binary must exist and be executable, or verify fails) faked in that root.
 * verify reports unknown keys and unparsable values as warnings and still exits 0, so any output
 * at all counts as a failure here.
 */
public final class SystemdVerify {
    private static final Path SYSTEM_UNITS = Path.of("/usr/lib/systemd/system");

    private SystemdVerify() {
    }

    /**
     * @param unitPath   where the unit goes, e.g. /etc/systemd/system/minio.service
     * @param fakeFiles  absolute paths inside the root to create, mapped to whether they are executable
     */
    public static void assertVerifies(Path tmp, String unitPath, String unitText, Map<String, Boolean> fakeFiles) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/systemd-analyze")) || !Files.isDirectory(SYSTEM_UNITS)) {
            fail("systemd-analyze is needed to verify units: apt-get install -y systemd");
        }
        Path root = tmp.resolve("root");
        copyTree(SYSTEM_UNITS, root.resolve("usr/lib/systemd/system"));
        for (Map.Entry<String, Boolean> f : fakeFiles.entrySet()) {
            Path p = root.resolve(f.getKey().substring(1));
            Files.createDirectories(p.getParent());
            Files.writeString(p, "#!/bin/sh\n", StandardCharsets.UTF_8);
            if (f.getValue()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        Path unit = root.resolve(unitPath.substring(1));
        Files.createDirectories(unit.getParent());
        Files.writeString(unit, unitText, StandardCharsets.UTF_8);

        ProcessBuilder pb = new ProcessBuilder(List.of("systemd-analyze", "verify", "--man=no", "--root=" + root, unitPath));
        pb.redirectErrorStream(true);
        pb.environment().put("SYSTEMD_LOG_LEVEL", "info");
        Process process = pb.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).as("systemd-analyze verify output").isEmpty();
        assertThat(process.exitValue()).as("systemd-analyze verify exit status").isZero();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isSymbolicLink(p)) {
                    // Masked units point at /dev/null; nothing verified here needs them.
                    Path link = Files.readSymbolicLink(p);
                    if (!link.isAbsolute()) {
                        Files.createDirectories(target.getParent());
                        Files.createSymbolicLink(target, link);
                    }
                } else if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
