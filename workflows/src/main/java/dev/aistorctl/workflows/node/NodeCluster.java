package dev.aistorctl.workflows.node;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.Connector;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.core.Fanout;
import dev.aistorctl.core.HostOutcome;
import dev.aistorctl.core.RemoteException;
import dev.aistorctl.hwcheck.profile.HardwareProfile;
import dev.aistorctl.hwcheck.rules.Finding;
import dev.aistorctl.inventory.Flavour;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.playbooks.Redactor;
import dev.aistorctl.storagenode.health.HealthProbe;
import dev.aistorctl.storagenode.health.ServiceDiagnosis;
import dev.aistorctl.storagenode.minio.MinioPaths;
import dev.aistorctl.storagenode.minio.Secret;
import dev.aistorctl.storagenode.node.BinaryArtifact;
import dev.aistorctl.storagenode.preflight.ClockSample;
import dev.aistorctl.storagenode.preflight.NodeSurvey;
import dev.aistorctl.storagenode.s3proxy.S3ProxyPaths;
import dev.aistorctl.workflows.hardware.PathMtuProbe;
import dev.aistorctl.playbooks.lock.HeldLocks;
import dev.aistorctl.workflows.remote.Connections;
import dev.aistorctl.workflows.remote.KeptConnections;
import dev.aistorctl.workflows.run.PlaybookRun;

/** The whole cluster as the node commands see it: every host of the inventory, read in parallel. */
public final class NodeCluster implements AutoCloseable {
    final Inventory inventory;
    final List<InventoryHost> hosts;
    final Redactor redactor;
    private final Function<String, Connector> connections;
    /** The command's kept connections and host locks that runs on the cluster go through; null: each its own. */
    private final KeptConnections kept;
    private final HeldLocks locks;
    /** The runs of a node command that holds its own locks (one object, so the first run's id is the locks'). */
    private final PlaybookRun ownRuns;

    public NodeCluster(Inventory inventory, boolean acceptNewHostKeys, Redactor redactor) {
        this(inventory, new Connections(inventory, inventory.hosts(), acceptNewHostKeys)::open, redactor);
    }

    /**
     * The cluster of a command that keeps one connection and holds one lock per host for all of its work: every
     * survey, measurement and run on the cluster goes through {@code kept} under {@code locks}.
     */
    public NodeCluster(Inventory inventory, KeptConnections kept, HeldLocks locks, Redactor redactor) {
        this(inventory, host -> kept.open(host, locks), redactor, kept, locks, null);
    }

    /**
     * The cluster of a node command ({@code node install|start|restart}): one login and one host lock per host from
     * its pre-flight to its wait for health, let go by {@link #close()}. The lock's holder is the command's first run.
     */
    public static NodeCluster holdingLocks(Inventory inventory, NodeSettings settings, Redactor redactor) {
        KeptConnections kept = new KeptConnections(new Connections(inventory, inventory.hosts(), settings.acceptNewHostKeys()));
        PlaybookRun runs = new PlaybookRun(inventory, inventory.hosts(), settings.acceptNewHostKeys(), redactor)
                .breakingLock(settings.breakLock());
        HeldLocks locks = runs.holdLocks(kept);
        return new NodeCluster(inventory, host -> kept.open(host, locks), redactor, kept, locks, runs);
    }

    /** @param connections opens a connection to the named host (SSH, or a replay in tests) */
    NodeCluster(Inventory inventory, Function<String, Connector> connections, Redactor redactor) {
        this(inventory, connections, redactor, null, null, null);
    }

    private NodeCluster(Inventory inventory, Function<String, Connector> connections, Redactor redactor,
                        KeptConnections kept, HeldLocks locks, PlaybookRun ownRuns) {
        this.inventory = inventory;
        this.hosts = inventory.hosts();
        this.redactor = redactor;
        this.connections = connections;
        this.kept = kept;
        this.locks = locks;
        this.ownRuns = ownRuns;
    }

    /** Lets go of the locks and connections this cluster holds for its own command (none when it is a provision's). */
    @Override
    public void close() {
        if (ownRuns != null) {
            try (KeptConnections k = kept) {
                locks.close();
            }
        }
    }

    /** Runs on every host of the cluster: through the command's connections and locks when it keeps them. */
    PlaybookRun runs(NodeSettings settings) {
        if (ownRuns != null) {
            return ownRuns;
        }
        PlaybookRun run = new PlaybookRun(inventory, hosts, settings.acceptNewHostKeys(), redactor).breakingLock(settings.breakLock());
        return kept == null ? run : run.keeping(kept).holding(locks);
    }

    public Redactor redactor() {
        return redactor;
    }

    /** One survey per host; a host that cannot be read is an error naming it. */
    List<HostOutcome<NodeSurvey>> surveys() {
        int port = inventory.node().apiPort();
        boolean minio = inventory.node().flavour() == Flavour.MINIO;
        String binary = minio ? MinioPaths.BINARY : S3ProxyPaths.JAR;
        String config = minio ? MinioPaths.ENV_FILE : S3ProxyPaths.PROPERTIES_FILE;
        String mask = minio ? "MINIO_ROOT_PASSWORD=" : "s3proxy.credential=";
        List<String> names = hosts.stream().map(InventoryHost::name).toList();
        return each(h -> {
            ExecResult r = h.connector.run(NodeSurvey.command(port, binary, config, mask, h.host.mountPaths(), names),
                    Duration.ofMinutes(2));
            if (!r.ok()) {
                throw new RemoteException(h.host.name(), "survey the node", "exit " + r.exitCode() + ": " + r.stderrTail(3));
            }
            return NodeSurvey.parse(h.host.name(), r.stdoutText());
        });
    }

    /**
     * The server binary the inventory names as a file on the controller, which pre-flight can read before
     * anything is uploaded; empty for a URL (only the hosts see its bytes) and for the S3Proxy jar from Maven
     * (not ELF: it runs on any JVM).
     */
    Optional<BinaryArtifact> localBinary() {
        boolean localFile = inventory.node().binary().flatMap(b -> b.path()).isPresent();
        return localFile ? Optional.of(BinaryArtifact.of(inventory)) : Optional.empty();
    }

    /** Every node's clock, read at once, each bracketed by the controller's clock. */
    List<HostOutcome<ClockSample>> clocks() {
        return each(h -> {
            // A first command warms the session up, so the timed one measures the round trip, not the channel setup.
            h.connector.run(Command.of("true"));
            double sent = System.currentTimeMillis() / 1000.0;
            ExecResult r = h.connector.run(Command.of("date", "+%s.%N"), Duration.ofSeconds(30));
            double received = System.currentTimeMillis() / 1000.0;
            return new ClockSample(h.host.name(), Double.parseDouble(r.stdoutText().strip()), sent, received);
        });
    }

    List<ServiceDiagnosis> diagnose(List<String> names) {
        List<InventoryHost> which = hosts.stream().filter(h -> names.contains(h.name())).toList();
        List<ServiceDiagnosis> out = new ArrayList<>();
        for (HostOutcome<ServiceDiagnosis> o : each(which, h -> ServiceDiagnosis.read(h.connector, h.host.mountPaths()))) {
            out.add(o.ok() ? o.value() : ServiceDiagnosis.unreachable(o.host(), redactor.redact(o.error())));
        }
        return out;
    }

    /** Runs a root command on the named hosts at once. */
    List<HostOutcome<ExecResult>> run(List<String> names, Command command) {
        List<InventoryHost> which = hosts.stream().filter(h -> names.contains(h.name())).toList();
        return each(which, h -> h.connector.run(command));
    }

    List<HealthProbe.Target> targets() {
        return hosts.stream().map(h -> new HealthProbe.Target(h.name(), h.address())).toList();
    }

    HealthProbe probe(Secret credential) {
        return HealthProbe.of(inventory.node(), credential);
    }

    /** The credential, resolved on the controller for the S3 probes and registered with the redactor first. */
    public Secret credential() {
        String value = inventory.node().rootPassword().resolve();
        redactor.add(value);
        return Secret.of(value);
    }

    /** The path-MTU probe between every two nodes, when the profile sets network.mtu_consistent; else nothing. */
    /**
     * The path-MTU probe between the {@code surveyed} hosts: a host pre-flight could not survey is already reported
     * with its cause, and reaching for it again would only wait out its connect timeout or lock a second time.
     */
    Map<String, List<Finding>> pathMtu(HardwareProfile profile, Set<String> surveyed) {
        return PathMtuProbe.run(profile, hosts.stream().filter(h -> surveyed.contains(h.name())).toList(), connections);
    }

    Map<String, String> addresses() {
        Map<String, String> out = new LinkedHashMap<>();
        hosts.forEach(h -> out.put(h.name(), h.address()));
        return out;
    }

    private record Open(InventoryHost host, Connector connector) {
    }

    @FunctionalInterface
    private interface Task<T> {
        T run(Open open) throws Exception;
    }

    private <T> List<HostOutcome<T>> each(Task<T> task) {
        return each(hosts, task);
    }

    private <T> List<HostOutcome<T>> each(List<InventoryHost> which, Task<T> task) {
        return Fanout.run(which, InventoryHost::name, h -> {
            try (Connector c = connections.apply(h.name())) {
                return task.run(new Open(h, c));
            }
        });
    }
}
