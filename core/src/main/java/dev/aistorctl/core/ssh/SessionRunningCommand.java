package dev.aistorctl.core.ssh;

import dev.aistorctl.core.RunningCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;

/** A command on its own SSH session channel, started by {@link SshConnector#start}. */
final class SessionRunningCommand implements RunningCommand {
    /** How long a command may take to finish on its own after its stdin closes, before its channel is closed. */
    private static final long GRACE_SECONDS = 5;

    private final Session session;
    private final Session.Command command;

    SessionRunningCommand(Session session, Session.Command command) {
        this.session = session;
        this.command = command;
    }

    @Override
    public OutputStream stdin() {
        return command.getOutputStream();
    }

    @Override
    public InputStream stdout() {
        return command.getInputStream();
    }

    @Override
    public InputStream stderr() {
        return command.getErrorStream();
    }

    @Override
    public boolean isAlive() {
        return command.isOpen();
    }

    /** Returns as the server closes the channel after the command's exit, not at the next look. */
    @Override
    public boolean awaitExit(Duration limit) {
        try {
            command.join(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (IOException | RuntimeException e) {
            // Not closed within the limit, or the connection went: isAlive says which.
        }
        return !isAlive();
    }

    /** End of input first (the command may clean up), then the channel. */
    @Override
    public void close() {
        try {
            command.getOutputStream().close();
            command.join(GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (IOException | RuntimeException e) {
            // The connection may already be gone; closing the channel below is all that is left.
        }
        if (command.isOpen()) {
            try {
                command.signal(Signal.TERM);
            } catch (IOException | RuntimeException e) {
                // Older servers ignore signal requests; closing the channel ends the command's input anyway.
            }
        }
        try {
            command.close();
        } catch (IOException | RuntimeException e) {
            // Already closed by the server after the exit status.
        }
        try {
            session.close();
        } catch (IOException | RuntimeException e) {
            // Same.
        }
    }
}
