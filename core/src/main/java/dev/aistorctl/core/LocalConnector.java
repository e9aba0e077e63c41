package dev.aistorctl.core;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs commands on the controller itself with the same contract as the SSH connector: the command line
 * goes through {@code sh -c} (so a command behaves the same locally and remotely), with {@code LC_ALL=C}
 * unless the command sets it, and privileged commands get {@code sudo -n} when we are not root.
 */
public final class LocalConnector implements Connector {
    private final String host;
    private final boolean root;
    private final ExecutorService pumps = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "local-io");
        t.setDaemon(true);
        return t;
    });

    public LocalConnector() {
        this("localhost");
    }

    public LocalConnector(String host) {
        this.host = host;
        this.root = isRoot();
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public ExecResult run(Command command, byte[] stdin, Duration timeout) {
        String line = shellLine(command);
        String action = "run " + command.withDefaultEnv("LC_ALL", "C").brief();
        Path script = null;
        long started = System.nanoTime();
        Process process;
        try {
            List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", line));
            // Arguments reach the kernel in the JVM's file-name encoding; only a UTF-8 one keeps every
            // character, so otherwise the line travels in a script file of exact bytes.
            if (!StandardCharsets.UTF_8.equals(jnuCharset()) && !isAscii(line)) {
                script = Files.createTempFile("aistorctl-", ".sh",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.write(script, line.getBytes(StandardCharsets.UTF_8));
                argv = List.of("/bin/sh", script.toString());
            }
            process = new ProcessBuilder(argv).start();
        } catch (IOException e) {
            deleteQuietly(script);
            throw new RemoteException(host, action, "cannot start /bin/sh: " + e.getMessage(), e);
        }
        try {
            OutputBuffer out = new OutputBuffer();
            OutputBuffer err = new OutputBuffer();
            Future<?> feeding = pumps.submit(() -> feed(process.getOutputStream(), stdin));
            Future<OutputBuffer> reading = pumps.submit(() -> out.drain(process.getInputStream()));
            Future<OutputBuffer> readingErr = pumps.submit(() -> err.drain(process.getErrorStream()));
            long deadline = started + timeout.toNanos();
            if (!process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                killTree(process.toHandle());
                throw new RemoteException(host, action, "timed out after " + format(timeout)
                        + "; the command and its children were killed");
            }
            try {
                // Children that outlive the shell may hold the pipes open: stop waiting at the deadline.
                long left = Math.max(TimeUnit.SECONDS.toNanos(1), deadline - System.nanoTime());
                reading.get(left, TimeUnit.NANOSECONDS);
                readingErr.get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                killTree(process.toHandle());
                throw new RemoteException(host, action, "timed out after " + format(timeout)
                        + " waiting for output of processes the command left running; they were killed");
            } catch (ExecutionException e) {
                throw new RemoteException(host, action, "reading output failed: " + e.getCause().getMessage(), e.getCause());
            }
            feeding.cancel(true);
            if (out.overflowed() || err.overflowed()) {
                throw new RemoteException(host, action, "printed more than " + OutputBuffer.LIMIT / (1024 * 1024)
                        + " MiB; not kept in memory");
            }
            return new ExecResult(process.exitValue(), out.bytes(), err.bytes(),
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (InterruptedException e) {
            killTree(process.toHandle());
            Thread.currentThread().interrupt();
            throw new RemoteException(host, action, "interrupted; the command was killed", e);
        } finally {
            deleteQuietly(script);
        }
    }

    @Override
    public RunningCommand start(Command command) {
        String line = shellLine(command);
        try {
            return new ProcessRunningCommand(new ProcessBuilder("/bin/sh", "-c", line).start());
        } catch (IOException e) {
            throw new RemoteException(host, "start " + command.withDefaultEnv("LC_ALL", "C").brief(), "cannot start /bin/sh: " + e.getMessage(), e);
        }
    }

    private String shellLine(Command command) {
        Command withLocale = command.withDefaultEnv("LC_ALL", "C");
        String line = withLocale.toShellLine();
        if (withLocale.privileged() && !root) {
            line = "sudo -n -- sh -c " + ShellQuote.quote(line);
        }
        return line;
    }

    /**
     * Writes the file next to its target, forces it to disk, sets the mode, renames it into place and
     * forces the directory, so a crash leaves either the old or the new content, never a partial file.
     */
    @Override
    public void put(byte[] content, String remotePath, int mode) {
        write(tmp -> {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(content));
                ch.force(true);
            }
        }, remotePath, mode);
    }

    /** Copied by the file system, never held in memory whole. */
    @Override
    public void putFile(Path local, String remotePath, int mode) {
        write(tmp -> {
            Files.copy(local, tmp, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
        }, remotePath, mode);
    }

    /** Fills the temporary file beside the target. */
    @FunctionalInterface
    private interface Filler {
        void fill(Path tmp) throws IOException;
    }

    private void write(Filler content, String remotePath, int mode) {
        Path target = Path.of(remotePath).toAbsolutePath();
        String action = "write " + target;
        Path dir = target.getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            content.fill(tmp);
            Files.setPosixFilePermissions(tmp, permissions(mode));
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("cannot rename atomically within " + dir, e);
            }
            tmp = null;
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new RemoteException(host, action, describe(e), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    @Override
    public byte[] get(String remotePath) {
        try {
            return Files.readAllBytes(Path.of(remotePath));
        } catch (IOException e) {
            throw new RemoteException(host, "read " + remotePath, describe(e), e);
        }
    }

    @Override
    public void close() {
        pumps.shutdownNow();
    }

    /** Permission bits (lowest 9) of an octal mode such as 0640; setuid/setgid/sticky are not supported here. */
    static Set<PosixFilePermission> permissions(int mode) {
        if ((mode & ~0777) != 0) {
            throw new IllegalArgumentException("mode " + Integer.toOctalString(mode) + " has bits beyond rwxrwxrwx");
        }
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
        };
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        for (int bit = 0; bit < 9; bit++) {
            if ((mode & (1 << bit)) != 0) {
                perms.add(order[bit]);
            }
        }
        return perms;
    }

    private static void feed(OutputStream in, byte[] stdin) {
        try (in) {
            in.write(stdin);
        } catch (IOException e) {
            // The command exited or closed its stdin without reading it all: its exit code tells the story.
        }
    }

    /** Children first, so a shell cannot respawn what we kill; SIGKILL because a timeout is already a failure. */
    static void killTree(ProcessHandle root) {
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.add(root);
        tree.forEach(ProcessHandle::destroyForcibly);
        // SIGKILL is delivered, not instant: wait, so that "killed" is true when the caller says it.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                // Nothing more can be done about a process that survives SIGKILL.
            }
        }
    }

    private static String describe(Exception e) {
        String kind = e.getClass().getSimpleName().replace("Exception", "");
        return (kind.isEmpty() ? "" : kind + ": ") + e.getMessage();
    }

    static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static Charset jnuCharset() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        } catch (RuntimeException e) {
            return StandardCharsets.US_ASCII;
        }
    }

    private static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c < 128);
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // A leftover temp file is harmless; the real error is already being reported.
            }
        }
    }
}
