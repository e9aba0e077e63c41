package dev.aistorctl.playbooks;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.Connector;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.core.RemoteException;
import dev.aistorctl.facts.facts.HostFacts;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.inventory.SecretRef;
import dev.aistorctl.playbooks.journal.Journal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** The runner's {@link StepContext} for one host of one run. */
final class HostContext implements StepContext {
    private final InventoryHost host;
    private final Inventory inventory;
    private final String runId;
    private final Connector connector;
    private final Function<Connector, HostFacts> factsSource;
    private final Redactor redactor;
    private final Journal journal;
    private final RunShared run;
    private final List<Runnable> beforeLettingGo = new CopyOnWriteArrayList<>();
    private final List<String> outcomes = new CopyOnWriteArrayList<>();
    private final RunListener listener;
    private final ReadAhead reads = new ReadAhead();
    private final Connector journaled;
    private volatile Integer step;
    private volatile boolean planning;
    private HostFacts facts;

    HostContext(InventoryHost host, Inventory inventory, String runId, Connector raw,
                Function<Connector, HostFacts> factsSource, Redactor redactor, Journal journal, RunShared run,
                RunListener listener) {
        this.host = host;
        this.run = run;
        this.inventory = inventory;
        this.runId = runId;
        this.factsSource = factsSource;
        this.redactor = redactor;
        this.journal = journal;
        this.listener = listener;
        this.journaled = new JournalingConnector(raw, journal, () -> step);
        this.connector = new ReadAheadConnector(journaled, reads, () -> planning ? step : null, journal);
    }

    /**
     * Reads ahead what {@code steps} declare they read ({@link Step#reads}), in one remote command, so that their
     * check and plan are answered from it ({@link #planning}). Journaled as the host's command, outside any step.
     */
    void readAhead(List<PlaybookStep> steps) {
        reads.read(journaled, steps, this, journal);
    }

    /**
     * Whether the current step is being checked and planned: only then are its declared reads answered from what
     * was read ahead. Once its planning is over, what it did not take is forgotten.
     */
    void planning(boolean on) {
        Integer s = step;
        planning = on;
        if (!on && s != null) {
            reads.forget(s);
        }
    }

    /** The host is about to change: nothing read ahead answers anything any more. */
    void forgetReadAhead() {
        reads.forget();
    }

    void enterStep(Integer index) {
        this.step = index;
        outcomes.clear();
    }

    /** What the step just applied said about its outcome, in order. */
    List<String> outcomes() {
        return List.copyOf(outcomes);
    }

    /** The actions steps left for the end of the host's run, in the order they were left; each runs once. */
    List<Runnable> takeBeforeLettingGo() {
        List<Runnable> out = List.copyOf(beforeLettingGo);
        beforeLettingGo.clear();
        return out;
    }

    /** Called after apply: the next {@link #facts()} reads the host again. */
    synchronized void forgetFacts() {
        facts = null;
    }

    @Override
    public InventoryHost inventoryHost() {
        return host;
    }

    @Override
    public Inventory inventory() {
        return inventory;
    }

    @Override
    public String runId() {
        return runId;
    }

    @Override
    public Connector connector() {
        return connector;
    }

    @Override
    public synchronized HostFacts facts() {
        if (facts == null) {
            facts = factsSource.apply(connector);
        }
        return facts;
    }

    @Override
    public ExecResult runChecked(Command command, String action) {
        return check(connector.run(command), action);
    }

    @Override
    public ExecResult runChecked(Command command, String action, Duration timeout) {
        return check(connector.run(command, timeout), action);
    }

    private ExecResult check(ExecResult r, String action) {
        if (!r.ok()) {
            String tail = r.stderrTail(5).strip();
            throw new RemoteException(host.name(), action, "exit " + r.exitCode() + (tail.isEmpty() ? "" : ": " + tail));
        }
        return r;
    }

    @Override
    public String secret(SecretRef ref) {
        String value = ref.resolve();
        redactor.add(value);
        return value;
    }

    @Override
    public void progress(long done, long total) {
        listener.stepProgress(host.name(), done, total);
    }

    @Override
    public void note(String message) {
        journal.note(host.name(), step, message);
    }

    @Override
    public void outcome(String message) {
        note(message);
        outcomes.add(message);
    }

    @Override
    public RunShared run() {
        return run;
    }

    @Override
    public void beforeLettingGo(Runnable action) {
        beforeLettingGo.add(action);
    }
}
