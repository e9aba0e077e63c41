package dev.aistorctl.playbooks;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.Connector;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.core.ForwardingConnector;
import dev.aistorctl.playbooks.journal.Journal;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The host's connector as a step sees it while the runner plans: a read the step declared is answered from the
 * host's {@link ReadAhead} (and journaled as a {@code batched_read}), anything else goes to the host. Outside
 * planning, every command goes to the host.
 */
final class ReadAheadConnector extends ForwardingConnector {
    private final ReadAhead reads;
    private final Supplier<Integer> planningStep;
    private final Journal journal;

    /** {@code planningStep}: the index of the step being checked or planned, null at any other time. */
    ReadAheadConnector(Connector host, ReadAhead reads, Supplier<Integer> planningStep, Journal journal) {
        super(host);
        this.reads = reads;
        this.planningStep = planningStep;
        this.journal = journal;
    }

    @Override
    public ExecResult run(Command command, byte[] stdin, Duration timeout) {
        // A read was batched with nothing on its stdin; a command given input is not that read.
        return stdin.length == 0 ? answered(command).orElseGet(() -> delegate.run(command, stdin, timeout))
                : delegate.run(command, stdin, timeout);
    }

    @Override
    public ExecResult run(Command command) {
        return answered(command).orElseGet(() -> delegate.run(command));
    }

    private Optional<ExecResult> answered(Command command) {
        Integer step = planningStep.get();
        if (step == null) {
            return Optional.empty();
        }
        Optional<ExecResult> answer = reads.take(step, command);
        answer.ifPresent(r -> journal.batchedRead(host(), step, command, r.exitCode()));
        return answer;
    }

    /** The runner owns the real connection and closes it; a step cannot. */
    @Override
    public void close() {
    }
}
