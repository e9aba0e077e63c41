package dev.aistorctl.core.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A throwaway system user for tests that need a non-root login (sudo behaviour). It can log in by key
 * (its password field is '*', not locked), has no home directory, and may get a NOPASSWD sudoers rule.
 * {@link #close()} removes the user and the rule.
 */
public final class TestUser implements AutoCloseable {
    private final String name;
    private final Path sudoers;

    private TestUser(String name, Path sudoers) {
        this.name = name;
        this.sudoers = sudoers;
    }

    /** Creates the user; with {@code passwordlessSudo} also a sudoers.d rule letting it run anything as root. */
    public static TestUser create(boolean passwordlessSudo) throws IOException, InterruptedException {
        TestSshd.requireRootAndSshd();
        String name = "aistorctl-t" + HexFormat.of().formatHex(new byte[] {
            (byte) ThreadLocalRandom.current().nextInt(), (byte) ThreadLocalRandom.current().nextInt(),
            (byte) ThreadLocalRandom.current().nextInt()});
        TestSshd.exec(List.of("useradd", "--system", "--no-create-home", "--home-dir", "/nonexistent",
                "--shell", "/bin/sh", name));
        // sshd without PAM refuses accounts whose password is locked ("!"); "*" means "no password, not locked".
        TestSshd.exec(List.of("usermod", "-p", "*", name));
        Path rule = null;
        if (passwordlessSudo) {
            rule = Path.of("/etc/sudoers.d/" + name);
            Files.writeString(rule, name + " ALL=(ALL) NOPASSWD: ALL\n");
            Files.setPosixFilePermissions(rule, PosixFilePermissions.fromString("r--r-----"));
            TestSshd.exec(List.of("visudo", "-c", "-f", rule.toString()));
        }
        return new TestUser(name, rule);
    }

    public String name() {
        return name;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (sudoers != null) {
            Files.deleteIfExists(sudoers);
        }
        TestSshd.exec(List.of("userdel", name));
    }
}
