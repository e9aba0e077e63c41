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

    /** The credential's salted digest as the configuration step wrote it; read by that step and the service's. */
    static final Command SECRET_DIGEST = Command.of("cat", "--", NodeFiles.SECRET_DIGEST).asRoot();

    static BinaryArtifact binary(Inventory inventory) {
        return BINARIES.computeIfAbsent(inventory, BinaryArtifact::of);
    }

    /** The Java runtime the lab flavour's unit runs on this host; empty when there is none. */
    static Optional<String> java(StepContext context) {
        for (String candidate : JAVA_CANDIDATES) {
            ExecResult r = context.run(javaProbe(candidate));
            if (r.ok()) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * What {@link #java} may run, for a step's declared reads: every candidate, since which one answers is known only
     * on the host. As root like the node steps' other reads, so that all of them share one batch.
     */
    static List<Command> javaReads(Inventory inventory) {
        return inventory.node().flavour() == Flavour.S3PROXY ? JAVA_CANDIDATES.stream().map(NodeDesired::javaProbe).toList()
                : List.of();
    }

    private static Command javaProbe(String candidate) {
        return Command.of("test", "-x", candidate).asRoot();
    }

    /**
     * The node's files as far as their paths and how they are read: the unit's text depends on the Java runtime
     * found on the host, its path and read command do not, so a step can declare its reads before it reads anything.
     */
    static List<NodeFile> filesToRead(Inventory inventory) {
        return inventory.node().flavour() == Flavour.MINIO ? NodeFiles.of(inventory) : NodeFiles.of(inventory, JAVA_CANDIDATES.get(0));
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
