package dev.aistorctl.storagenode.health;

import dev.aistorctl.inventory.Flavour;
import dev.aistorctl.inventory.NodeConfig;
import dev.aistorctl.storagenode.minio.Secret;
import java.util.List;
import java.util.Optional;

/**
 * How the controller asks a node whether it serves. MinIO has unauthenticated health endpoints;
 * S3Proxy has none, so its probe is a signed ListBuckets, which proves more (the credential works)
 * at the price of needing it.
 */
public interface HealthProbe {
    /** A node to probe: its inventory name and the address the controller reaches it at. */
    record Target(String host, String address) {
    }

    NodeHealth node(Target target);

    /** The cluster's own verdict (MinIO's write quorum), asked of the first live node; empty when the flavour has none. */
    Optional<NodeHealth> cluster(List<Target> live);

    Flavour flavour();

    default ClusterHealth probe(List<Target> targets) {
        List<NodeHealth> nodes = dev.aistorctl.core.Fanout.run(targets, Target::host, this::node).stream()
                .map(o -> o.ok() ? o.value() : NodeHealth.down(o.host(), "-", o.error()))
                .toList();
        List<Target> live = targets.stream()
                .filter(t -> nodes.stream().anyMatch(n -> n.host().equals(t.host()) && n.healthy())).toList();
        Optional<NodeHealth> cluster = flavour() == Flavour.MINIO && !live.isEmpty() ? cluster(live) : Optional.empty();
        return new ClusterHealth(flavour(), nodes, cluster.map(NodeHealth::healthy), cluster.map(NodeHealth::detail).orElse(""));
    }

    static HealthProbe of(NodeConfig node, Secret credential) {
        return node.flavour() == Flavour.MINIO
                ? new MinioHealthProbe(node.apiPort())
                : new S3ProxyHealthProbe(node.apiPort(), node.rootUser(), credential);
    }

    static String url(String address, int port) {
        String h = address.indexOf(':') >= 0 ? "[" + address + "]" : address;
        return "http://" + h + ":" + port;
    }
}
