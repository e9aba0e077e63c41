package dev.aistorctl.workflows.run;

import dev.aistorctl.core.AistorException;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.playbooks.Redactor;

/** The run's redactor, primed with every secret the inventory refers to that can be resolved now. */
final class Secrets {
    private Secrets() {
    }

    static Redactor redactorFor(Inventory inventory) {
        Redactor redactor = new Redactor();
        if (inventory.node() != null && inventory.node().rootPassword() != null) {
            try {
                redactor.add(inventory.node().rootPassword().resolve());
            } catch (AistorException e) {
                // Not resolvable here: a step that needs it resolves it through its context, which redacts it then.
            }
        }
        return redactor;
    }
}
