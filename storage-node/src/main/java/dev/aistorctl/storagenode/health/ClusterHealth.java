package dev.aistorctl.storagenode.health;

import dev.aistorctl.inventory.Flavour;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The cluster as the probes saw it at one moment. Flavour minio is healthy when every node is live
 * and the cluster reports write quorum ({@code /minio/health/cluster}); flavour s3proxy has no
 * cluster (each node is an independent server), so it is healthy when every node answers.
 *
 * @param quorum  flavour minio: whether the cluster answered with quorum; empty for s3proxy or when no node answered
 */
public record ClusterHealth(Flavour flavour, List<NodeHealth> nodes, Optional<Boolean> quorum, String quorumDetail) {
    public static final String S3PROXY_NOTE = "flavour s3proxy: every node is an independent S3 server (no erasure coding"
            + " across nodes); healthy means every node answers, and the proof is per node";

    public ClusterHealth {
        nodes = List.copyOf(nodes);
    }

    public boolean healthy() {
        boolean allLive = !nodes.isEmpty() && nodes.stream().allMatch(NodeHealth::healthy);
        return allLive && (flavour != Flavour.MINIO || quorum.orElse(false));
    }

    /**
     * Whether every node outside {@code excluded} answers and, for flavour minio, the cluster answered
     * on quorum at all: the best a cluster with those hosts gone can show.
     */
    public boolean liveExcept(Set<String> excluded) {
        boolean othersLive = nodes.stream().filter(n -> !excluded.contains(n.host())).allMatch(NodeHealth::healthy);
        return othersLive && (flavour != Flavour.MINIO || quorum.isPresent());
    }

    public List<NodeHealth> down() {
        return nodes.stream().filter(n -> !n.healthy()).toList();
    }

    public long live() {
        return nodes.stream().filter(NodeHealth::healthy).count();
    }

    /** One line for progress and reports, e.g. {@code 2/3 nodes live; down: node3 (connection refused)}. */
    public String summary() {
        StringBuilder out = new StringBuilder().append(live()).append('/').append(nodes.size()).append(" nodes live");
        if (flavour == Flavour.MINIO) {
            out.append(", cluster ").append(quorum.map(q -> q ? "has write quorum" : "has NO write quorum")
                    .orElse("not answering")).append(quorumDetail.isEmpty() ? "" : " (" + quorumDetail + ")");
        }
        List<NodeHealth> down = down();
        if (!down.isEmpty()) {
            out.append("; down: ");
            for (int i = 0; i < down.size(); i++) {
                out.append(i == 0 ? "" : ", ").append(down.get(i).host()).append(" (").append(down.get(i).detail()).append(')');
            }
        }
        return out.toString();
    }
}
