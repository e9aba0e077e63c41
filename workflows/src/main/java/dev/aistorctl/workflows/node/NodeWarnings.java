package dev.aistorctl.workflows.node;

import java.util.List;

import dev.aistorctl.inventory.Flavour;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.storagenode.minio.MinioEnvironment;
import dev.aistorctl.workflows.Output;

/**
 * What the node's plan knows before anything is applied and a person must read with it: a MinIO node without a
 * license, say. Printed under the plan and recorded in the command's JSON (and provision.json).
 */
public final class NodeWarnings {
    private NodeWarnings() {
    }

    public static List<String> of(Inventory inventory) {
        return inventory.node().flavour() == Flavour.MINIO ? MinioEnvironment.of(inventory).warnings() : List.of();
    }

    /** Each warning on a line of its own, beside the plan; nothing when a program reads the output. */
    public static void print(List<String> warnings, Output output) {
        if (!output.json()) {
            warnings.forEach(w -> output.println(output.style("@|bold,yellow warning:|@ ") + w));
        }
    }
}
