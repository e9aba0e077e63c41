package dev.aistorctl.workflows.provision;

import java.util.List;

import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.playbooks.Playbook;
import dev.aistorctl.workflows.progress.HostBoard;

/**
 * The hosts at work on provision's plans, on a terminal: one line per host through the plans of drives, tune and (for
 * the whole cluster) the node's install and start, redrawn in place, so that seconds of probing over SSH are not a
 * silent screen. Elsewhere nothing: the plan's text, printed next, is their outcome, and a log stays as short.
 */
final class PlanBoard {
    private PlanBoard() {
    }

    static HostBoard open(ProvisionContext c, Playbook drives, Playbook tune) {
        List<String> parts = c.wholeCluster() ? List.of(drives.name(), tune.name(), "node-install", "node-start")
                : List.of(drives.name(), tune.name());
        return c.output.liveBoard("plan", c.hosts.stream().map(InventoryHost::name).toList(), parts);
    }
}
