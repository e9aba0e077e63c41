package dev.aistorctl.workflows.accept;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.Connector;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.core.Fanout;
import dev.aistorctl.core.HostOutcome;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.storagenode.minio.MinioPaths;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Whether a storage node runs on each host, asked of systemd: accept run with every part (no part named) loads only
 * the nodes that run, so that it still measures drives and network on hosts where nothing is installed yet (right
 * after {@code drives prepare}) and says of the S3 part why it was skipped there.
 */
final class NodePresence {
    /** Prints "absent" when no unit is installed, else systemd's word for the unit's state ("active", "inactive", "failed"). */
    static final String PROBE = "if [ -e " + MinioPaths.UNIT_FILE + " ]; then systemctl is-active " + MinioPaths.SERVICE
            + " 2>/dev/null || true; else echo absent; fi";
    private static final Duration LIMIT = Duration.ofSeconds(30);

    private NodePresence() {
    }

    /**
     * The hosts that run no node, each with why. A host that cannot be asked is not listed: loading it names what went
     * wrong, as for a host whose node stops answering.
     */
    static Map<String, String> notRunning(List<InventoryHost> hosts, Function<String, Connector> connections) {
        Map<String, String> out = new LinkedHashMap<>();
        for (HostOutcome<String> o : Fanout.run(hosts, InventoryHost::name, h -> {
            try (Connector c = connections.apply(h.name())) {
                ExecResult r = c.run(Command.script(PROBE), LIMIT);
                return r.ok() ? why(r.stdoutText()) : null;
            }
        })) {
            if (o.ok() && o.value() != null) {
                out.put(o.host(), o.value());
            }
        }
        return out;
    }

    /** Null when the probe's answer says the node runs; else why S3 cannot be measured on the host. */
    static String why(String probe) {
        String state = probe.strip();
        if (state.equals("active")) {
            return null;
        }
        if (state.equals("absent")) {
            return "no storage node installed (no " + MinioPaths.UNIT_FILE + "; aistorctl node install or provision puts it there)";
        }
        return "the storage node is not running (systemctl is-active " + MinioPaths.SERVICE + ": "
                + (state.isEmpty() ? "unknown" : state) + ")";
    }
}
