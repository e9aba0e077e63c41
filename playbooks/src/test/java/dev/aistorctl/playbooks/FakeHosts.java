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
 * Simulated hosts: each holds key/value state that fake steps read (plan) and write (apply), so convergence,
 * isolation and dry runs can be observed without servers.
 */
final class FakeHosts {
    final Map<String, Map<String, String>> state = new ConcurrentHashMap<>();
    final Map<String, FakeConnector> connectors = new ConcurrentHashMap<>();
    /** Hosts whose apply fails, with the stderr the failing command printed. */
    final Map<String, String> applyFails = new ConcurrentHashMap<>();
    /** Hosts where apply "succeeds" but changes nothing. */
    final Set<String> applyIgnored = ConcurrentHashMap.newKeySet();
    final Set<String> unreachable = ConcurrentHashMap.newKeySet();

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
            return connectors.computeIfAbsent(h.name(), FakeConnector::new);
        };
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
            ctx.run(Command.of("read-setting", key));
            String now = state.get(ctx.host()).get(key);
            return value.equals(now)
                    ? StepPlan.nothingToDo(describe(), ctx.host(), key + " already " + value)
                    : StepPlan.changes(describe(), ctx.host(), List.of(Change.of(key, now, value)));
        }

        @Override
        public void apply(StepContext ctx, StepPlan plan) {
            String stderr = applyFails.get(ctx.host());
            if (stderr != null) {
                ((FakeConnector) connectors.get(ctx.host())).answer("write-setting", 1, "", stderr);
            }
            ctx.runChecked(Command.of("write-setting", key, value), "set " + key);
            if (!applyIgnored.contains(ctx.host())) {
                state.get(ctx.host()).put(key, value);
            }
        }
    }
}
