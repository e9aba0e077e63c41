package dev.aistorctl.playbooks;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.Connector;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.core.RunningCommand;
import dev.aistorctl.playbooks.journal.Journal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/** The host's connector as steps see it: every command and file write goes to the journal. */
final class JournalingConnector implements Connector {
    private final Connector delegate;
    private final Journal journal;
    private final Supplier<Integer> currentStep;

    JournalingConnector(Connector delegate, Journal journal, Supplier<Integer> currentStep) {
        this.delegate = delegate;
        this.journal = journal;
        this.currentStep = currentStep;
    }

    @Override
    public String host() {
        return delegate.host();
    }

    @Override
    public ExecResult run(Command command, byte[] stdin, Duration timeout) {
        return journaled(command, () -> delegate.run(command, stdin, timeout));
    }

    @Override
    public ExecResult run(Command command) {
        return journaled(command, () -> delegate.run(command));
    }

    private ExecResult journaled(Command command, java.util.function.Supplier<ExecResult> call) {
        long started = System.nanoTime();
        try {
            ExecResult r = call.get();
            journal.command(host(), currentStep.get(), command, r.exitCode(), r.duration(), null);
            return r;
        } catch (RuntimeException e) {
            journal.command(host(), currentStep.get(), command, null, since(started), e.getMessage());
            throw e;
        }
    }

    @Override
    public RunningCommand start(Command command) {
        journal.command(host(), currentStep.get(), command, null, Duration.ZERO, null);
        return delegate.start(command);
    }

    @Override
    public void put(byte[] content, String remotePath, int mode) {
        long started = System.nanoTime();
        try {
            delegate.put(content, remotePath, mode);
            journal.put(host(), currentStep.get(), remotePath, mode, content.length, since(started), null);
        } catch (RuntimeException e) {
            journal.put(host(), currentStep.get(), remotePath, mode, content.length, since(started), e.getMessage());
            throw e;
        }
    }

    @Override
    public void putFile(Path local, String remotePath, int mode) {
        putFile(local, remotePath, mode, sent -> { });
    }

    @Override
    public void putFile(Path local, String remotePath, int mode, LongConsumer sent) {
        long started = System.nanoTime();
        long size = local.toFile().length();
        try {
            delegate.putFile(local, remotePath, mode, sent);
            journal.put(host(), currentStep.get(), remotePath, mode, size, since(started), null);
        } catch (RuntimeException e) {
            journal.put(host(), currentStep.get(), remotePath, mode, size, since(started), e.getMessage());
            throw e;
        }
    }

    @Override
    public byte[] get(String remotePath) {
        return delegate.get(remotePath);
    }

    /** The runner owns the real connection and closes it; a step cannot. */
    @Override
    public void close() {
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
