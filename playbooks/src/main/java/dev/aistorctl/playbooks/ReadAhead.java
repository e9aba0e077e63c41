package dev.aistorctl.playbooks;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.Connector;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.playbooks.journal.Journal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reads a host's steps declared ({@link Step#reads}), run together before the steps are planned, and each
 * answer kept for the step that declared it. One per host and run.
 *
 * <p>An answer is given only to the step that declared the read, while that step is checked and planned, for
 * exactly the command it declared, as often as the step asks (its check and plan may both need it, and they change
 * nothing in between); any other command, the read run by another step, and everything a step runs while it
 * applies or verifies goes to the host. A step's answers are dropped when its planning is over, and all of them as
 * soon as a step applies anything, so no plan (nor the apply that follows it) rests on a read older than the last
 * change to the host.
 */
final class ReadAhead {
    /** A read as a step declared it: answered only to that step. */
    private record Key(int step, Command command) {
    }

    private final Map<Key, ExecResult> answers = new HashMap<>();

    /**
     * Runs the reads {@code steps} declare on the host through {@code connector} (one command per batch: one in
     * all unless reads differ in privilege or are too long to share one), keeping each answer for its step.
     * A batch that fails leaves its reads unanswered: their steps run them alone, as without a batch.
     */
    synchronized void read(Connector connector, List<PlaybookStep> steps, StepContext context, Journal journal) {
        answers.clear();
        List<Key> declared = new ArrayList<>();
        for (PlaybookStep s : steps) {
            List<Command> reads;
            try {
                reads = s.step().reads(context);
            } catch (RuntimeException e) {
                // The step reads alone when it plans; what made its list fail will be said there.
                continue;
            }
            for (Command c : reads) {
                Key k = new Key(s.index(), c);
                if (!declared.contains(k)) {
                    declared.add(k);
                }
            }
        }
        // One read gains nothing from a batch: its step runs it as it always did.
        if (declared.size() < 2) {
            return;
        }
        List<Command> distinct = declared.stream().map(Key::command).distinct().toList();
        for (ReadBatch batch : ReadBatch.split(distinct)) {
            List<Optional<ExecResult>> got;
            try {
                got = batch.answers(connector.run(batch.command()));
            } catch (RuntimeException e) {
                journal.note(connector.host(), null, "the batched reads did not run (" + e.getMessage()
                        + "); each step reads alone");
                continue;
            }
            for (int i = 0; i < got.size(); i++) {
                Command read = batch.reads().get(i);
                Optional<ExecResult> answer = got.get(i);
                if (answer.isEmpty()) {
                    continue;
                }
                for (Key k : declared) {
                    if (k.command().equals(read)) {
                        answers.put(k, answer.get());
                    }
                }
            }
        }
    }

    /** The answer for {@code command} when step {@code step} declared it and its planning is not over. */
    synchronized Optional<ExecResult> take(int step, Command command) {
        return Optional.ofNullable(answers.get(new Key(step, command)));
    }

    /** Forgets the answers step {@code step} did not take: its planning is over. */
    synchronized void forget(int step) {
        answers.keySet().removeIf(k -> k.step() == step);
    }

    /** Forgets every answer: the host is about to change. */
    synchronized void forget() {
        answers.clear();
    }
}
