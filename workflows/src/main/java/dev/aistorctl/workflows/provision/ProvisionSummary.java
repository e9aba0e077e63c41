package dev.aistorctl.workflows.provision;

import java.util.List;
import java.util.Map;

import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.playbooks.Change;
import dev.aistorctl.playbooks.HostResult;
import dev.aistorctl.playbooks.RunResult;
import dev.aistorctl.workflows.text.Table;

/** The end of a provision: one row per host, one column per stage. */
final class ProvisionSummary {
    private ProvisionSummary() {
    }

    /** @param accept each host's acceptance cell; empty when accept did not run (no ACCEPT column) */
    static String text(List<InventoryHost> hosts, RunResult drives, RunResult tune, Map<String, String> node,
                       Map<String, String> health, Map<String, String> accept) {
        Table table = accept.isEmpty() ? new Table("HOST", "DRIVES", "TUNE", "NODE", "HEALTH")
                : new Table("HOST", "DRIVES", "TUNE", "NODE", "HEALTH", "ACCEPT");
        for (InventoryHost h : hosts) {
            List<String> row = new java.util.ArrayList<>(List.of(h.name(), drivesCell(drives, h.name()), cell(tune, h.name()),
                    node.getOrDefault(h.name(), "-"), health.getOrDefault(h.name(), "-")));
            if (!accept.isEmpty()) {
                row.add(accept.getOrDefault(h.name(), "-"));
            }
            table.row(row.toArray(String[]::new));
        }
        return table.render().stripTrailing();
    }

    private static String drivesCell(RunResult run, String host) {
        HostResult h = run.hosts().stream().filter(x -> x.host().equals(host)).findFirst().orElse(null);
        if (h == null) {
            return "-";
        }
        long formatted = ProvisionPlan.changes(run, host).stream().filter(Change::destructive).count();
        if (!h.failed() && !h.skipped() && formatted > 0) {
            return (run.dryRun() ? "would format " : "formatted ") + formatted;
        }
        return ProvisionPlan.cell(run, h);
    }

    private static String cell(RunResult run, String host) {
        return run.hosts().stream().filter(x -> x.host().equals(host)).findFirst().map(h -> ProvisionPlan.cell(run, h)).orElse("-");
    }
}
