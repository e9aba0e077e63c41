package dev.aistorctl.playbooks;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.Connector;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.core.RemoteException;
import dev.aistorctl.facts.facts.HostFacts;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.inventory.SecretRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A step context over a {@link ScriptedConnector}, so a step's check, plan and apply can be read without a
 * server. It judges commands as the runner's context does and keeps the notes a step leaves.
 */
public class ScriptedContext implements StepContext {
    private final Inventory inventory;
    private final InventoryHost host;
    private final ScriptedConnector connector;
    private final List<String> notes = new ArrayList<>();

    /** The first host of {@code inventory}, reached through {@code connector}. */
    public ScriptedContext(Inventory inventory, ScriptedConnector connector) {
        this.inventory = inventory;
        this.host = inventory.hosts().get(0);
        this.connector = connector;
    }

    /** A host without an inventory, for steps that read nothing of it (the tuning steps). */
    public ScriptedContext(ScriptedConnector connector) {
        this.inventory = null;
        this.host = null;
        this.connector = connector;
    }

    @Override
    public String host() {
        return host == null ? connector.host() : host.name();
    }

    @Override
    public InventoryHost inventoryHost() {
        if (host == null) {
            throw new UnsupportedOperationException("this scripted host has no inventory");
        }
        return host;
    }

    @Override
    public Inventory inventory() {
        if (inventory == null) {
            throw new UnsupportedOperationException("this scripted host has no inventory");
        }
        return inventory;
    }

    @Override
    public String runId() {
        return "test";
    }

    @Override
    public ScriptedConnector connector() {
        return connector;
    }

    @Override
    public HostFacts facts() {
        throw new UnsupportedOperationException("a scripted host gathers no facts: script the commands the step runs");
    }

    @Override
    public ExecResult runChecked(Command command, String action) {
        return runChecked(command, action, Duration.ofMinutes(10));
    }

    /** Judged as the runner's context judges: the action, the exit code and stderr's last lines. */
    @Override
    public ExecResult runChecked(Command command, String action, Duration timeout) {
        ExecResult r = connector.run(command, timeout);
        if (r.ok()) {
            return r;
        }
        String tail = r.stderrTail(5).strip();
        throw new RemoteException(host(), action, "exit " + r.exitCode() + (tail.isEmpty() ? "" : ": " + tail));
    }

    @Override
    public String secret(SecretRef ref) {
        return ref.resolve();
    }

    @Override
    public void note(String message) {
        notes.add(message);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }
}
