package dev.aistorctl.playbooks.node;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.inventory.Flavour;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.playbooks.StepContext;
import dev.aistorctl.storagenode.node.BinaryArtifact;
import dev.aistorctl.storagenode.node.NodeFile;
import dev.aistorctl.storagenode.node.NodeFiles;
import dev.aistorctl.storagenode.s3proxy.S3ProxyPaths;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a node must look like, shared by the node steps: the binary and, per host, the files. */
final class NodeDesired {
    /** Where a lab or a hand-installed JDK puts java when Debian's alternative is absent. */
    static final List<String> JAVA_CANDIDATES = List.of(S3ProxyPaths.JAVA, "/usr/local/bin/java");
    // One digest of the jar per run, not one per host and step: it is read from the controller's disk.
    private static final Map<Inventory, BinaryArtifact> BINARIES = Collections.synchronizedMap(new IdentityHashMap<>());

    private NodeDesired() {
    }

    static BinaryArtifact binary(Inventory inventory) {
        return BINARIES.computeIfAbsent(inventory, BinaryArtifact::of);
    }

    /** The Java runtime the lab flavour's unit runs on this host; empty when there is none. */
    static Optional<String> java(StepContext context) {
        for (String candidate : JAVA_CANDIDATES) {
            ExecResult r = context.run(Command.of("test", "-x", candidate));
            if (r.ok()) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static String javaMissing() {
        return "flavour s3proxy runs S3Proxy on Java 17+, and no java is at " + String.join(" or ", JAVA_CANDIDATES)
                + "; install one (Debian: apt-get install default-jre-headless)";
    }

    static List<NodeFile> files(StepContext context) {
        Inventory inventory = context.inventory();
        if (inventory.node().flavour() == Flavour.MINIO) {
            return NodeFiles.of(inventory);
        }
        return NodeFiles.of(inventory, java(context).orElseThrow(() -> new dev.aistorctl.core.RemoteException(context.host(),
                "find java", javaMissing())));
    }
}
