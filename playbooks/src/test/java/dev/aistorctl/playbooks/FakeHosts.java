package dev.aistorctl.playbooks;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.RemoteException;
import dev.aistorctl.inventory.InventoryHost;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Simulated hosts: each holds key/value state that fake steps read (plan) and write (apply) through two
 * programs, {@code read-setting KEY} and {@code write-setting KEY VALUE}, so convergence, isolation and dry
 * runs can be observed without servers. A host answers those two programs only.
 */
final class FakeHosts {
    final Map<String, Map<String, String>> state = new ConcurrentHashMap<>();
    final Map<String, ScriptedConnector> connectors = new ConcurrentHashMap<>();
    /** Hosts whose apply fails, with the stderr the failing command printed. */
    final Map<String, String> applyFails = new ConcurrentHashMap<>();
    /** Hosts where apply "succeeds" but changes nothing. */
    final Set<String> applyIgnored = ConcurrentHashMap.newKeySet();
    final Set<String> unreachable = ConcurrentHashMap.newKeySet();
    /** Runs while a host's write-setting runs (before it answers): an event from outside landing mid-apply. */
    final Map<String, Runnable> duringWrite = new ConcurrentHashMap<>();

    List<InventoryHost> hosts(String... names) {
        List<InventoryHost> out = new ArrayList<>();
        for (String n : names) {
            state.put(n, new ConcurrentHashMap<>());
            out.add(new InventoryHost(n, n, "pool1", null, List.of()));
        }
        return out;
    }

    Runner.Connect connect() {
        return h -> {
            if (unreachable.contains(h.name())) {
                throw new RemoteException(h.name(), "connect to " + h.address() + ":22", "connection refused");
            }
            return connectors.computeIfAbsent(h.name(), this::host);
        };
    }

    /** read-setting prints the value and a newline, or nothing when the key is unset; write-setting prints nothing. */
    private ScriptedConnector host(String name) {
        Map<String, String> settings = state.get(name);
        return new ScriptedConnector(name)
                .answerProgram("read-setting", c -> ScriptedConnector.result(0,
                        settings.containsKey(c.argv().get(1)) ? settings.get(c.argv().get(1)) + "\n" : ""))
                .answerProgram("write-setting", c -> {
                    duringWrite.getOrDefault(name, () -> { }).run();
                    String stderr = applyFails.get(name);
                    if (stderr != null) {
                        return ScriptedConnector.result(1, new byte[0], stderr);
                    }
                    if (!applyIgnored.contains(name)) {
                        settings.put(c.argv().get(1), c.argv().get(2));
                    }
                    return ScriptedConnector.result(0, "");
                });
    }

    StepRegistry registry() {
        return new StepRegistry().register("setting", p -> {
            p.allowOnly("key", "value");
            return new Setting(p.string("key"), p.string("value"));
        });
    }

    /** A step whose state is "key has value" on the simulated host. */
    final class Setting implements Step {
        final String key;
        final String value;

        Setting(String key, String value) {
            this.key = key;
            this.value = value;
        }

        @Override
        public String type() {
            return "setting";
        }

        @Override
        public String describe() {
            return "setting " + key;
        }

        @Override
        public StepPlan plan(StepContext ctx) {
            String now = ctx.run(Command.of("read-setting", key)).stdoutText().strip();
            now = now.isEmpty() ? null : now;
            return value.equals(now)
                    ? StepPlan.nothingToDo(describe(), ctx.host(), key + " already " + value)
                    : StepPlan.changes(describe(), ctx.host(), List.of(Change.of(key, now, value)));
        }

        @Override
        public void apply(StepContext ctx, StepPlan plan) {
            ctx.runChecked(Command.of("write-setting", key, value), "set " + key);
        }
    }
}
