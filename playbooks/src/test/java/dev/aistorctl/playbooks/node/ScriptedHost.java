package dev.aistorctl.playbooks.node;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.Connector;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.facts.facts.HostFacts;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.inventory.SecretRef;
import dev.aistorctl.playbooks.StepContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A host whose commands answer from a script: the first rule whose text the command line contains
 * answers; anything else succeeds silently. Records every command and every file written, and is its
 * own step context, so a step's plan and apply can be read without a server.
 */
final class ScriptedHost implements Connector, StepContext {
    private final Inventory inventory;
    private final InventoryHost host;
    private final Map<String, ExecResult> rules = new LinkedHashMap<>();
    final List<String> commands = new ArrayList<>();
    final Map<String, byte[]> written = new LinkedHashMap<>();
    final List<String> notes = new ArrayList<>();
    final List<String> secretsResolved = new ArrayList<>();

    ScriptedHost(Inventory inventory) {
        this.inventory = inventory;
        this.host = inventory.hosts().get(0);
    }

    ScriptedHost answer(String contains, int exit, String stdout) {
        rules.put(contains, new ExecResult(exit, stdout.getBytes(StandardCharsets.UTF_8), new byte[0], Duration.ZERO));
        return this;
    }

    ScriptedHost answer(String contains, int exit, byte[] stdout, String stderr) {
        rules.put(contains, new ExecResult(exit, stdout, stderr.getBytes(StandardCharsets.UTF_8), Duration.ZERO));
        return this;
    }

    boolean ran(String contains) {
        return commands.stream().anyMatch(c -> c.contains(contains));
    }

    @Override
    public String host() {
        return host.name();
    }

    @Override
    public synchronized ExecResult run(Command command, byte[] stdin, Duration timeout) {
        String line = command.toShellLine();
        commands.add(line);
        for (Map.Entry<String, ExecResult> r : rules.entrySet()) {
            if (line.contains(r.getKey())) {
                return r.getValue();
            }
        }
        return new ExecResult(0, new byte[0], new byte[0], Duration.ZERO);
    }

    @Override
    public ExecResult run(Command command) {
        return run(command, new byte[0], Duration.ofMinutes(10));
    }

    @Override
    public void put(byte[] content, String remotePath, int mode) {
        written.put(remotePath, content);
    }

    @Override
    public byte[] get(String remotePath) {
        return written.get(remotePath);
    }

    @Override
    public void close() {
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
        return "test";
    }

    @Override
    public Connector connector() {
        return this;
    }

    @Override
    public HostFacts facts() {
        throw new UnsupportedOperationException("node steps read no gathered facts");
    }

    @Override
    public ExecResult runChecked(Command command, String action) {
        ExecResult r = run(command);
        if (!r.ok()) {
            throw new dev.aistorctl.core.RemoteException(host(), action, "exit " + r.exitCode());
        }
        return r;
    }

    @Override
    public ExecResult runChecked(Command command, String action, Duration timeout) {
        return runChecked(command, action);
    }

    @Override
    public String secret(SecretRef ref) {
        String v = ref.resolve();
        secretsResolved.add(ref.toString());
        return v;
    }

    @Override
    public void note(String message) {
        notes.add(message);
    }
}
