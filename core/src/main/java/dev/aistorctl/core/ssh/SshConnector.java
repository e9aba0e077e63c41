package dev.aistorctl.core.ssh;

import dev.aistorctl.core.AistorException;
import dev.aistorctl.core.Command;
import dev.aistorctl.core.Connector;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.core.OutputBuffer;
import dev.aistorctl.core.RemoteException;
import dev.aistorctl.core.RunningCommand;
import dev.aistorctl.core.ShellQuote;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.transport.cipher.Cipher;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.OpenFailException;
import net.schmizz.sshj.connection.channel.direct.DirectConnection;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;
import net.schmizz.sshj.sftp.FileAttributes;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.Response;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.sftp.SFTPException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;

/**
 * A {@link Connector} over SSH (SSHJ). One TCP connection per host for the whole run: every {@link #run}
 * opens a session channel on it, file transfers share one SFTP channel on it.
 *
 * <p>Every command runs with {@code LC_ALL=C} (unless the command sets LC_ALL itself) so that parsers see
 * the same words and number formats on every host. Privileged commands run as
 * {@code sudo -n -- sh -c LINE} when the login user is not root and {@code become} is {@link Become#SUDO};
 * sudo must not ask for a password, since nobody is there to type it.
 *
 * <p>stdout and stderr are kept in memory, each up to {@link OutputBuffer#LIMIT} (256 MiB); a command that
 * prints more fails rather than exhausting the controller's heap.
 */
public final class SshConnector implements Connector {
    /** Environment variable marking the processes of one command (see {@link #abort}). */
    static final String RUN_MARK = "AISTORCTL_RUN";
    private static final int SFTP_CHUNK = 32 * 1024;
    private static final String SUDO_NO_PASSWORD = "a password is required";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ssh-connect-timeout");
        t.setDaemon(true);
        return t;
    });

    private final SshSettings settings;
    private final SSHClient client;
    private final List<SSHClient> jumpClients;
    private final boolean loginIsRoot;
    private final Object sftpLock = new Object();
    private SFTPClient sftp;
    /** This connection's pumps in flight, interrupted when it closes. */
    private final Set<Future<?>> pumping = ConcurrentHashMap.newKeySet();
    private final List<ScheduledFuture<?>> keepAlives;

    private SshConnector(SshSettings settings, SSHClient client, List<SSHClient> jumpClients) {
        this.settings = settings;
        this.client = client;
        this.jumpClients = jumpClients;
        this.loginIsRoot = settings.user().equals("root");
        List<ScheduledFuture<?>> probes = new ArrayList<>();
        jumpClients.forEach(hop -> probes.add(keepAlive(hop, settings)));
        probes.add(keepAlive(client, settings));
        this.keepAlives = List.copyOf(probes);
    }

    /**
     * The threads that feed a command's stdin and drain its stdout and stderr, shared by every connection of the
     * process: idle ones are reused by the next command on any host, so their number follows the commands in
     * flight (three each), not the connections open. A pool per connection kept three idle threads per host for a
     * minute after each command, 1,500 at 512 hosts in a command that keeps every host's connection.
     */
    private static final ExecutorService PUMPS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "ssh-io");
        t.setDaemon(true);
        return t;
    });

    /** Runs {@code task} on a shared pump thread, named after this host while it works for it. */
    private <T> Future<T> pump(Callable<T> task) {
        String name = "ssh-io-" + settings.host();
        FutureTask<T> f = new FutureTask<>(() -> {
            Thread t = Thread.currentThread();
            t.setName(name);
            try {
                return task.call();
            } finally {
                t.setName("ssh-io");
            }
        }) {
            @Override
            protected void done() {
                pumping.remove(this);
            }
        };
        pumping.add(f);
        PUMPS.execute(f);
        return f;
    }

    /** Connects and logs in with the passphrase from the environment or the console. */
    public static SshConnector connect(SshSettings settings) {
        return connect(settings, PassphraseSource.standard());
    }

    /**
     * Connects (through the jump host when there is one), verifies host keys against known_hosts and logs
     * in with the identity key. Handshakes and logins of the whole process go through the {@link HandshakeGate}:
     * the connect timeout counts from this host's turn, and a handshake that timed out while other hosts
     * waited for a turn is tried once more, so that the controller's own load is not reported as a dead host.
     *
     * @throws RemoteException        the host cannot be reached, its key is unknown or changed, or login failed
     * @throws dev.aistorctl.core.InvalidConfigException the identity key cannot be read or decrypted
     */
    public static SshConnector connect(SshSettings settings, PassphraseSource passphrases) {
        return connect(settings, passphrases, HandshakeGate.process());
    }

    static SshConnector connect(SshSettings settings, PassphraseSource passphrases, HandshakeGate gate) {
        for (int attempt = 1; ; attempt++) {
            try {
                gate.enter();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RemoteException(settings.host(), "connect to " + settings.address() + ":" + settings.port(),
                        "interrupted while waiting for a turn to connect", e);
            }
            HandshakeGate.Mark start = gate.mark();
            try {
                return attempt(settings, passphrases);
            } catch (ConnectTimedOut e) {
                if (!HandshakeGate.retry(attempt, gate.saturatedSince(start))) {
                    throw attempt == 1 ? e.failure : new RemoteException(settings.host(), e.stage, e.why
                            + "; tried twice, the first time while other hosts waited for a turn to connect", e.getCause());
                }
            } finally {
                gate.leave();
            }
        }
    }

    /** A connect attempt that ran out of time; worth another turn when the controller was the busy one. */
    private static final class ConnectTimedOut extends Exception {
        final RemoteException failure;
        final String stage;
        final String why;

        ConnectTimedOut(String host, String stage, String why, Throwable cause) {
            super(why, cause, false, false);
            this.failure = new RemoteException(host, stage, why, cause);
            this.stage = stage;
            this.why = why;
        }
    }

    /** How soon a connect in progress notices that its thread was interrupted. */
    private static final Duration INTERRUPT_CHECK = Duration.ofMillis(100);

    private static SshConnector attempt(SshSettings settings, PassphraseSource passphrases) throws ConnectTimedOut {
        String target = settings.address() + ":" + settings.port();
        SSHClient client = newClient(settings);
        List<SSHClient> hops = new java.util.concurrent.CopyOnWriteArrayList<>();
        KnownHostsVerifier verifier = verifier(settings);
        List<KnownHostsVerifier> hopVerifiers = new ArrayList<>();
        String stage = "connect to " + target;
        // SSHJ waits for the server's banner without a time limit; a port that accepts and stays silent
        // would hang the run. Closing the sockets from outside ends any wait of the handshake or login. Only
        // the sockets: a graceful disconnect can block on a handshake in progress, and the one watchdog thread
        // serves every connection of the process.
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
            timedOut.set(true);
            hops.forEach(SshConnector::closeSocket);
            closeSocket(client);
        }, settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        // Nor does a blocked socket read heed the thread's interrupt (a run being stopped, a fan-out cancelled): the
        // same closing ends the wait at once instead of at the connect timeout.
        Thread caller = Thread.currentThread();
        AtomicBoolean interrupted = new AtomicBoolean();
        ScheduledFuture<?> interruptWatch = WATCHDOG.scheduleWithFixedDelay(() -> {
            if (caller.isInterrupted() && !interrupted.getAndSet(true)) {
                hops.forEach(SshConnector::closeSocket);
                closeSocket(client);
            }
        }, INTERRUPT_CHECK.toMillis(), INTERRUPT_CHECK.toMillis(), TimeUnit.MILLISECONDS);
        try {
            client.addHostKeyVerifier(verifier);
            KeyProvider key = IdentityKey.load(client, settings.identityFile(), passphrases);
            // Each hop is reached through the one before it, as ssh -J a,b does.
            SSHClient previous = null;
            String via = "";
            JumpHost last = null;
            for (JumpHost j : settings.jumps()) {
                SSHClient hop = newClient(settings);
                hops.add(hop);
                KnownHostsVerifier hopVerifier = verifier(settings);
                hopVerifiers.add(hopVerifier);
                hop.addHostKeyVerifier(hopVerifier);
                if (previous == null) {
                    stage = "connect to jump host " + j;
                    hop.connect(j.host(), j.port());
                } else {
                    stage = "open a tunnel from jump host " + last + " to jump host " + j;
                    DirectConnection tunnel = previous.newDirectConnection(j.host(), j.port());
                    stage = "connect to jump host " + j + via;
                    hop.connectVia(tunnel);
                }
                stage = "log in to jump host " + j + " as " + j.user();
                KeyProvider hopKey = j.identityFile() == null || j.identityFile().equals(settings.identityFile())
                        ? key : IdentityKey.load(hop, j.identityFile(), passphrases);
                hop.authPublickey(j.user(), hopKey);
                previous = hop;
                last = j;
                via = " through jump host " + j;
            }
            if (previous != null) {
                stage = "open a tunnel from jump host " + last + " to " + target;
                DirectConnection tunnel = previous.newDirectConnection(settings.address(), settings.port());
                stage = "connect to " + target + via;
                client.connectVia(tunnel);
            } else {
                client.connect(settings.address(), settings.port());
            }
            stage = "log in to " + target + " as " + settings.user();
            client.authPublickey(settings.user(), key);
            interruptWatch.cancel(false);
            if (!watchdog.cancel(false) || timedOut.get()) {
                throw new IOException("connect timeout");
            }
            if (interrupted.get()) {
                throw new IOException("interrupted");
            }
        } catch (AistorException e) {
            interruptWatch.cancel(false);
            watchdog.cancel(false);
            closeQuietly(client);
            hops.forEach(SshConnector::closeQuietly);
            throw e;
        } catch (IOException | RuntimeException e) {
            interruptWatch.cancel(false);
            watchdog.cancel(false);
            closeQuietly(client);
            hops.forEach(SshConnector::closeQuietly);
            if (interrupted.get()) {
                throw new RemoteException(settings.host(), stage, "interrupted (the run is stopping)", e);
            }
            if (timedOut.get()) {
                throw new ConnectTimedOut(settings.host(), stage, "no SSH handshake and login within "
                        + format(settings.connectTimeout()) + " (connect timeout)", e);
            }
            String why = hopVerifiers.stream().map(KnownHostsVerifier::rejection).flatMap(java.util.Optional::stream).findFirst()
                    .orElseGet(() -> verifier.rejection().orElseGet(() -> describe(e, settings)));
            if (timeout(e)) {
                throw new ConnectTimedOut(settings.host(), stage, why, e);
            }
            throw new RemoteException(settings.host(), stage, why, e);
        }
        return new SshConnector(settings, client, List.copyOf(hops));
    }

    @Override
    public String host() {
        return settings.host();
    }

    public SshSettings settings() {
        return settings;
    }

    /** Whether the connection is still up (the keepalive closes it when the peer stops answering). */
    public boolean isConnected() {
        return client.isConnected() && client.isAuthenticated();
    }

    /** Runs with the settings' command timeout. */
    @Override
    public ExecResult run(Command command) {
        return run(command, new byte[0], settings.commandTimeout());
    }

    @Override
    public ExecResult run(Command command, byte[] stdin, Duration timeout) {
        Command withLocale = command.withDefaultEnv("LC_ALL", "C");
        String action = "run " + withLocale.brief();
        boolean sudo = withLocale.privileged() && !loginIsRoot;
        if (sudo && settings.become() != Become.SUDO) {
            throw new RemoteException(host(), action, "needs root, but " + settings.user()
                    + " is not root and become is none; log in as root or set become: sudo");
        }
        // Every process the command starts inherits this mark, so a timed-out command can be found and killed.
        String mark = HexFormat.of().formatHex(randomBytes());
        String line = withLocale.withEnv(RUN_MARK, mark).toShellLine();
        if (sudo) {
            line = "sudo -n -- sh -c " + ShellQuote.quote(line);
        }
        ExecResult result = exec(line, stdin, timeout, action, mark, sudo);
        if (sudo) {
            requireSudoWithoutPassword(result, action);
        }
        return result;
    }

    /**
     * Starts the command on a session channel of its own. When this connection drops (the controller died),
     * sshd closes the channel and the command's stdin reaches end of input.
     */
    @Override
    public RunningCommand start(Command command) {
        Command withLocale = command.withDefaultEnv("LC_ALL", "C");
        String line = withLocale.toShellLine();
        String action = "start " + withLocale.brief();
        if (withLocale.privileged() && !loginIsRoot) {
            if (settings.become() != Become.SUDO) {
                throw new RemoteException(host(), action, "needs root, but " + settings.user()
                        + " is not root and become is none; log in as root or set become: sudo");
            }
            line = "sudo -n -- sh -c " + ShellQuote.quote(line);
        }
        try {
            Session session = client.startSession();
            return new SessionRunningCommand(session, session.exec(line));
        } catch (IOException | IllegalStateException e) {
            throw new RemoteException(host(), action, "cannot open a session channel: " + describe(e, settings), e);
        }
    }

    /**
     * Writes the file atomically: upload by SFTP to a temporary name in the target's directory, set the mode,
     * flush it to disk and rename it over the target. When privileged commands need sudo, bytes (configuration,
     * secrets) reach root on the command's standard input, and a local file (a binary) is uploaded to a private
     * staging directory under /tmp that root copies next to the target before the rename.
     */
    @Override
    public void put(byte[] content, String remotePath, int mode) {
        if (needsSudo()) {
            putThroughSudo(content, remotePath, mode);
            return;
        }
        put(() -> new ByteArrayInputStream(content), remotePath, mode, sent -> { });
    }

    /**
     * Configuration files (the env file holds the root password) go to root through the command's standard
     * input, never through a staging file a login user can leave behind: an interrupted step leaves at most
     * root's own 0600 temporary file next to the target, removed by the trap or the length check.
     */
    private void putThroughSudo(byte[] content, String remotePath, int mode) {
        if ((mode & ~07777) != 0) {
            throw new IllegalArgumentException("not a file mode: " + Integer.toOctalString(mode));
        }
        String action = "write " + remotePath;
        String dir = parent(remotePath);
        String name = remotePath.substring(remotePath.lastIndexOf('/') + 1);
        String tmp = dir + "/." + name + ".aistorctl-" + HexFormat.of().formatHex(randomBytes());
        // cat stops at the end of input also when the controller goes away: the length check keeps a cut-short
        // file from replacing the target.
        String asRoot = "umask 077; t=" + ShellQuote.quote(tmp) + "; trap 'rm -f -- \"$t\"' HUP INT TERM PIPE; "
                + "cat > \"$t\" && [ $(wc -c < \"$t\") -eq " + content.length + " ]"
                + " || { rm -f -- \"$t\"; echo 'the content did not arrive whole' >&2; exit 1; }; "
                + "chmod " + Integer.toOctalString(mode) + " -- \"$t\""
                + " && { sync -- \"$t\" 2>/dev/null || sync; }"
                + " && mv -f -- \"$t\" " + ShellQuote.quote(remotePath)
                + " || { rc=$?; rm -f -- \"$t\"; exit $rc; }";
        ExecResult result = exec("sudo -n -- sh -c " + ShellQuote.quote(asRoot), content, settings.commandTimeout(), action);
        requireSudoWithoutPassword(result, action);
        check(result, action);
    }

    /** Streamed from the file in SFTP-sized chunks: never the whole file in memory. */
    @Override
    public void putFile(Path local, String remotePath, int mode) {
        putFile(local, remotePath, mode, sent -> { });
    }

    /** As {@link #putFile(Path, String, int)}, telling {@code sent} the bytes uploaded after every SFTP chunk. */
    @Override
    public void putFile(Path local, String remotePath, int mode, LongConsumer sent) {
        put(() -> Files.newInputStream(local), remotePath, mode, sent);
    }

    /** Where the bytes of a put come from; opened once, by the upload. */
    @FunctionalInterface
    private interface Content {
        InputStream open() throws IOException;
    }

    private void put(Content content, String remotePath, int mode, LongConsumer sent) {
        if ((mode & ~07777) != 0) {
            throw new IllegalArgumentException("not a file mode: " + Integer.toOctalString(mode));
        }
        String action = "write " + remotePath;
        String dir = parent(remotePath);
        String name = remotePath.substring(remotePath.lastIndexOf('/') + 1);
        String nonce = HexFormat.of().formatHex(randomBytes());
        String tmp = dir + "/." + name + ".aistorctl-" + nonce;
        String finish = "chmod " + Integer.toOctalString(mode) + " -- " + ShellQuote.quote(tmp)
                + " && { sync -- " + ShellQuote.quote(tmp) + " 2>/dev/null || sync; }"
                + " && mv -f -- " + ShellQuote.quote(tmp) + " " + ShellQuote.quote(remotePath)
                + " || { rc=$?; rm -f -- " + ShellQuote.quote(tmp) + "; exit $rc; }";
        if (!needsSudo()) {
            upload(content, tmp, action, sent);
            check(exec(finish, new byte[0], settings.commandTimeout(), action), action);
            return;
        }
        String staging = "/tmp/.aistorctl-" + nonce;
        String staged = staging + "/" + "content";
        synchronized (sftpLock) {
            try {
                sftp().getSFTPEngine().makeDir(staging, new FileAttributes.Builder().withPermissions(0700).build());
            } catch (IOException e) {
                throw new RemoteException(host(), action, "cannot create staging directory " + staging + ": "
                        + describeSftp(e), e);
            }
        }
        upload(content, staged, action, sent);
        String asRoot = "cp -- " + ShellQuote.quote(staged) + " " + ShellQuote.quote(tmp) + " && { " + finish + "; }";
        // The staging directory goes whatever happens to the command: the trap covers a hang-up or a kill.
        String line = "trap 'rm -rf -- " + staging + "' EXIT HUP INT TERM; sudo -n -- sh -c " + ShellQuote.quote(asRoot)
                + "; rc=$?; rm -rf -- " + ShellQuote.quote(staging) + "; exit $rc";
        ExecResult result = exec(line, new byte[0], settings.commandTimeout(), action);
        requireSudoWithoutPassword(result, action);
        check(result, action);
    }

    /** Reads the file by SFTP, or with {@code sudo cat} when privileged access goes through sudo. */
    @Override
    public byte[] get(String remotePath) {
        String action = "read " + remotePath;
        if (needsSudo()) {
            ExecResult r = run(Command.of("cat", "--", remotePath).asRoot());
            check(r, action);
            return r.stdout();
        }
        synchronized (sftpLock) {
            try (RemoteFile file = sftp().open(remotePath, EnumSet.of(OpenMode.READ))) {
                OutputBuffer buffer = new OutputBuffer().drain(file.new ReadAheadRemoteFileInputStream(16));
                if (buffer.overflowed()) {
                    throw new RemoteException(host(), action, "larger than " + OutputBuffer.LIMIT / (1024 * 1024)
                            + " MiB; not read into memory");
                }
                return buffer.bytes();
            } catch (IOException e) {
                throw new RemoteException(host(), action, describeSftp(e), e);
            }
        }
    }

    @Override
    public void close() {
        synchronized (sftpLock) {
            if (sftp != null) {
                try {
                    sftp.close();
                } catch (IOException e) {
                    // The connection is going away anyway.
                }
                sftp = null;
            }
        }
        closeQuietly(client);
        // The last hop carries the target's tunnel; close from the target outwards.
        for (int i = jumpClients.size() - 1; i >= 0; i--) {
            closeQuietly(jumpClients.get(i));
        }
        keepAlives.forEach(k -> k.cancel(false));
        pumping.forEach(f -> f.cancel(true));
    }

    private boolean needsSudo() {
        return !loginIsRoot && settings.become() == Become.SUDO;
    }

    private ExecResult exec(String line, byte[] stdin, Duration timeout, String action) {
        return exec(line, stdin, timeout, action, null, false);
    }

    private ExecResult exec(String line, byte[] stdin, Duration timeout, String action, String mark, boolean sudo) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        Session session;
        Session.Command cmd;
        try {
            session = client.startSession();
            cmd = session.exec(line);
        } catch (IOException | IllegalStateException e) {
            // IllegalStateException: SSHJ's "Not connected", a connection already given up (keepalives, a reset).
            throw new RemoteException(host(), action, "cannot open a session channel: " + describe(e, settings), e);
        }
        try {
            OutputBuffer out = new OutputBuffer();
            OutputBuffer err = new OutputBuffer();
            Future<?> feeding = pump(() -> {
                feed(cmd.getOutputStream(), stdin);
                return null;
            });
            Future<OutputBuffer> reading = pump(() -> out.drain(cmd.getInputStream()));
            Future<OutputBuffer> readingErr = pump(() -> err.drain(cmd.getErrorStream()));
            try {
                reading.get(remaining(deadline), TimeUnit.NANOSECONDS);
                readingErr.get(remaining(deadline), TimeUnit.NANOSECONDS);
                cmd.join(Math.max(remaining(deadline), TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | net.schmizz.sshj.connection.ConnectionException e) {
                if (System.nanoTime() < deadline && !(e instanceof TimeoutException)) {
                    throw new RemoteException(host(), action, "connection lost: " + describe(e, settings), e);
                }
                abort(cmd, mark, sudo);
                throw new RemoteException(host(), action, "timed out after " + format(timeout)
                        + "; its processes were killed and its channel closed");
            } catch (ExecutionException e) {
                abort(cmd, mark, sudo);
                throw new RemoteException(host(), action, "reading output failed: " + describe(e.getCause(), settings),
                        e.getCause());
            }
            feeding.cancel(true);
            if (out.overflowed() || err.overflowed()) {
                throw new RemoteException(host(), action, "printed more than " + OutputBuffer.LIMIT / (1024 * 1024)
                        + " MiB; not kept in memory");
            }
            Integer status = cmd.getExitStatus();
            if (status == null) {
                Signal signal = cmd.getExitSignal();
                String why = signal != null
                        ? "was killed by signal " + signal + (Boolean.TRUE.equals(cmd.getExitWasCoreDumped()) ? " (core dumped)" : "")
                        : "ended without an exit status (connection lost?)";
                throw new RemoteException(host(), action, why + "; stderr: " + tail(err.bytes()));
            }
            return new ExecResult(status, out.bytes(), err.bytes(), Duration.ofNanos(System.nanoTime() - started));
        } catch (InterruptedException e) {
            abort(cmd, mark, sudo);
            Thread.currentThread().interrupt();
            throw new RemoteException(host(), action, "interrupted; the command's channel was closed", e);
        } finally {
            try {
                session.close();
            } catch (IOException e) {
                // Already closed by the server after the exit status.
            }
        }
    }

    private void upload(Content content, String path, String action, LongConsumer sent) {
        synchronized (sftpLock) {
            // 0600 until the content is complete: nobody reads a half-written file or a secret in transit.
            FileAttributes attrs = new FileAttributes.Builder().withPermissions(0600).build();
            try (InputStream in = content.open();
                 RemoteFile file = sftp().open(path, EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.EXCL), attrs)) {
                try (OutputStream out = file.new RemoteFileOutputStream(0, 16)) {
                    // One write() becomes one SFTP packet; OpenSSH drops the channel for packets over 256 KiB.
                    byte[] chunk = new byte[SFTP_CHUNK];
                    int n;
                    long total = 0;
                    while ((n = in.readNBytes(chunk, 0, SFTP_CHUNK)) > 0) {
                        out.write(chunk, 0, n);
                        total += n;
                        sent.accept(total);
                    }
                }
            } catch (IOException e) {
                throw new RemoteException(host(), action, "upload to " + path + " failed: " + describeSftp(e), e);
            }
        }
    }

    private SFTPClient sftp() throws IOException {
        if (sftp == null) {
            sftp = client.newSFTPClient();
        }
        return sftp;
    }

    private void requireSudoWithoutPassword(ExecResult result, String action) {
        String err = result.stderrText();
        if (result.exitCode() == 1 && err.contains("sudo:")
                && (err.contains(SUDO_NO_PASSWORD) || err.contains("a terminal is required"))) {
            throw new RemoteException(host(), action, "passwordless sudo is needed for user " + settings.user()
                    + " (sudo -n said: " + err.strip() + "); allow it with a sudoers rule such as '"
                    + settings.user() + " ALL=(ALL) NOPASSWD: ALL' or log in as root");
        }
    }

    private void check(ExecResult result, String action) {
        if (!result.ok()) {
            throw new RemoteException(host(), action, "exit " + result.exitCode() + ": " + result.stderrTail(5));
        }
    }

    private static void feed(OutputStream in, byte[] stdin) {
        try (in) {
            if (stdin.length > 0) {
                in.write(stdin);
                in.flush();
            }
        } catch (IOException e) {
            // The command exited without reading all of its input; its exit status tells the story.
        }
    }

    /**
     * Stops a command that ran too long. OpenSSH ignores signal requests on sessions without privilege
     * separation (root logins), so the processes are found by the mark in their environment and killed
     * by a second command; then the channel is closed without waiting for the server's reply.
     */
    private void abort(Session.Command cmd, String mark, boolean sudo) {
        try {
            cmd.signal(Signal.KILL);
        } catch (IOException | RuntimeException e) {
            // Not supported everywhere; the kill below does not depend on it.
        }
        if (mark != null) {
            // One grep over every process's environment: two processes per process would take seconds on a busy host.
            String kill = "for e in $(grep -lzxF " + RUN_MARK + "=" + mark + " /proc/[0-9]*/environ 2>/dev/null); do"
                    + " p=${e#/proc/}; kill -KILL \"${p%/environ}\" 2>/dev/null; done; exit 0";
            String line = sudo ? "sudo -n -- sh -c " + ShellQuote.quote(kill) : kill;
            try {
                exec(line, new byte[0], Duration.ofSeconds(15), "kill timed-out command");
            } catch (RuntimeException e) {
                // The connection may be what failed; closing the channel is all that is left.
            }
        }
        pump(() -> {
            try {
                cmd.close();
            } catch (IOException | RuntimeException e) {
                // Closing a channel of a dead connection: nothing left to release.
            }
            return null;
        });
    }

    /**
     * A peer gone silent (cable pulled, half-open TCP) is given up after this many unanswered probes: with the
     * default 15 s interval, within a minute, instead of the operating system's two hours of TCP keepalive.
     */
    static final int UNANSWERED_KEEPALIVES = 4;

    /** Keepalives of a logged-in connection, from the process's one keepalive thread. */
    private static ScheduledFuture<?> keepAlive(SSHClient c, SshSettings s) {
        Duration every = s.keepaliveInterval().compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : s.keepaliveInterval();
        return KeepAlives.process().probe(c.getConnection(), every, UNANSWERED_KEEPALIVES);
    }

    private static SSHClient newClient(SshSettings s) {
        SSHClient c = new SSHClient(Config.INSTANCE);
        int connectMs = (int) Math.min(Integer.MAX_VALUE, s.connectTimeout().toMillis());
        c.setConnectTimeout(connectMs);
        // Bounds the handshake and login too, so a port that accepts but never speaks SSH fails in time.
        c.getTransport().setTimeoutMs(connectMs);
        // No SSHJ keepalive thread per connection: KeepAlives probes every connection from one thread, once logged in.
        c.getConnection().getKeepAlive().setKeepAliveInterval(0);
        return c;
    }

    private static KnownHostsVerifier verifier(SshSettings s) {
        try {
            return new KnownHostsVerifier(s.knownHosts(), s.acceptNewHostKeys());
        } catch (IOException e) {
            throw new RemoteException(s.host(), "read " + s.knownHosts(), e.getMessage(), e);
        }
    }

    /**
     * Whether the failure is a timeout of SSHJ's own (TCP connect, key exchange, or an unanswered login request,
     * which SSHJ wraps in a {@link UserAuthException} as if the key had been refused).
     */
    static boolean timeout(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SocketTimeoutException || c instanceof TimeoutException
                    || c instanceof net.schmizz.sshj.transport.TransportException && c.getMessage() != null
                    && c.getMessage().toLowerCase().contains("timeout")) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable e, SshSettings s) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof TimeoutException) {
                return "no answer to the login within " + format(s.connectTimeout()) + " (connect timeout)";
            }
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof ConnectException) {
                return "connection refused (is sshd running and listening on that port?)";
            }
            if (c instanceof SocketTimeoutException) {
                return "no answer within " + format(s.connectTimeout()) + " (connect timeout)";
            }
            if (c instanceof UnknownHostException) {
                return "cannot resolve " + c.getMessage();
            }
            if (c instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (c instanceof UserAuthException) {
                return "public key login refused for the key " + s.identityFile()
                        + "; is its .pub in the user's authorized_keys?";
            }
            if (c instanceof OpenFailException ofe) {
                return "the jump host refused the tunnel: " + ofe.getReason() + " " + ofe.getMessage();
            }
            if (c instanceof net.schmizz.sshj.transport.TransportException && c.getMessage() != null
                    && c.getMessage().toLowerCase().contains("timeout")) {
                return "no SSH handshake within " + format(s.connectTimeout()) + " (connect timeout)";
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return msg;
    }

    private static String describeSftp(IOException e) {
        if (e instanceof SFTPException se && se.getStatusCode() != null) {
            Response.StatusCode code = se.getStatusCode();
            switch (code) {
                case NO_SUCH_FILE: return "no such file or directory";
                case PERMISSION_DENIED: return "permission denied";
                case FILE_ALREADY_EXISTS: return "already exists";
                default: return code.name().toLowerCase().replace('_', ' ') + (se.getMessage() == null ? "" : ": " + se.getMessage());
            }
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        if (slash < 0) {
            return ".";
        }
        return slash == 0 ? "" : path.substring(0, slash);
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return b;
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private static String tail(byte[] stderr) {
        String s = new String(stderr, java.nio.charset.StandardCharsets.UTF_8).strip();
        return s.isEmpty() ? "(empty)" : s.substring(Math.max(0, s.length() - 500));
    }

    static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    /** Ends every wait on the connection at once, without the graceful disconnect that may itself wait. */
    private static void closeSocket(SSHClient c) {
        java.net.Socket socket = c.getSocket();
        if (socket == null) {
            closeQuietly(c);   // reached through a tunnel: its hop's socket is closed too
            return;
        }
        try {
            socket.close();
        } catch (IOException e) {
            // Closing: nothing useful to report.
        }
    }

    private static void closeQuietly(SSHClient c) {
        if (c == null) {
            return;
        }
        try {
            c.disconnect();
        } catch (IOException | RuntimeException e) {
            // Closing: nothing useful to report.
        }
    }

    /** The algorithms every connection offers; package-private for the test that no weak one is among them. */
    static DefaultConfig clientConfig() {
        return Config.INSTANCE;
    }

    private static final AtomicBoolean PREPARING = new AtomicBoolean();

    /**
     * Starts setting up SSHJ's algorithms (about 0.1-0.2 s of one core: every cipher tried, the BouncyCastle provider
     * registered) on a thread of its own, once per process, so that it runs while the command still reads its
     * inventory and profiles instead of when the first host connects, with every other host waiting for it. Returns
     * the thread, or null when it was started before.
     */
    public static Thread prepare() {
        if (PREPARING.getAndSet(true)) {
            return null;
        }
        Thread t = new Thread(SshConnector::clientConfig, "ssh-prepare");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** SSHJ's algorithm setup is costly; one config serves every connection of the run. */
    private static final class Config {
        static final DefaultConfig INSTANCE = create();

        /**
         * SSHJ still offers algorithms that OpenSSH dropped years ago (SHA-1 key exchange, CBC, RC4 and 3DES
         * ciphers, MD5 and RIPEMD MACs, DSA and SHA-1 RSA signatures); a man in the middle can push a
         * connection down to them. Only what a current OpenSSH offers by default is kept.
         */
        static boolean weak(String name) {
            return name.contains("sha1") && !name.startsWith("hmac-sha1")
                    || name.endsWith("-cbc") || name.contains("arcfour") || name.contains("3des") || name.contains("blowfish")
                    || name.contains("cast128") || name.contains("idea") || name.contains("serpent") || name.contains("twofish")
                    || name.contains("md5") || name.contains("ripemd") || name.endsWith("-96") || name.contains("-96@")
                    || name.startsWith("ssh-dss") || name.startsWith("ssh-rsa") || name.equals("none");
        }

        private static <T> List<Factory.Named<T>> strong(List<Factory.Named<T>> factories) {
            return factories.stream().filter(f -> !weak(f.getName())).toList();
        }

        private static DefaultConfig create() {
            DefaultConfig c = new DefaultConfig();
            c.setKeyExchangeFactories(strong(c.getKeyExchangeFactories()));
            c.setMACFactories(strong(c.getMACFactories()));
            c.setKeyAlgorithms(strong(c.getKeyAlgorithms()));
            // AES-GCM first, on the JDK's engine (JdkAesCiphers): it runs on the CPU's AES and carry-less
            // multiply instructions, while SSHJ's own first choice, chacha20-poly1305, is plain Java and costs
            // the most CPU of all on a large upload.
            List<Factory.Named<Cipher>> ciphers = new ArrayList<>(strong(c.getCipherFactories()).stream()
                    .map(JdkAesCiphers::preferJdk).toList());
            ciphers.sort(Comparator.comparingInt(f -> f.getName().startsWith("aes") && f.getName().contains("-gcm@") ? 0 : 1));
            c.setCipherFactories(ciphers);
            return c;
        }
    }
}
