package dev.aistorctl.playbooks.tune;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.Connector;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.core.RemoteException;
import dev.aistorctl.facts.facts.HostFacts;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.inventory.SecretRef;
import dev.aistorctl.playbooks.StepContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A step context whose host answers every read script with captured output and accepts every change
 * script, recording both: enough to see how many round trips a step costs and what it would run.
 */
final class ReplayContext implements StepContext {
    final List<Command> commands = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    private final String readOutput;

    ReplayContext(String readOutput) {
        this.readOutput = readOutput;
    }

    List<String> changeScripts() {
        return commands.stream().map(c -> c.argv().get(2)).filter(s -> s.startsWith("set -e")).toList();
    }

    @Override
    public String host() {
        return "node1";
    }

    @Override
    public InventoryHost inventoryHost() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Inventory inventory() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String runId() {
        return "20261125T151900Z-ab12";
    }

    @Override
    public Connector connector() {
        throw new UnsupportedOperationException("tuning steps run everything through runChecked");
    }

    @Override
    public HostFacts facts() {
        throw new UnsupportedOperationException("tuning steps read what they need themselves");
    }

    @Override
    public ExecResult run(Command command) {
        commands.add(command);
        boolean change = command.argv().get(2).startsWith("set -e");
        return new ExecResult(0, (change ? "" : readOutput).getBytes(StandardCharsets.UTF_8), new byte[0], Duration.ofMillis(2));
    }

    @Override
    public ExecResult runChecked(Command command, String action) {
        ExecResult r = run(command);
        if (!r.ok()) {
            throw new RemoteException(host(), action, "exit " + r.exitCode());
        }
        return r;
    }

    @Override
    public ExecResult runChecked(Command command, String action, Duration timeout) {
        return runChecked(command, action);
    }

    @Override
    public String secret(SecretRef ref) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void note(String message) {
        notes.add(message);
    }
}
