package dev.aistorctl.workflows.node;

import dev.aistorctl.core.text.ByteSize;
import dev.aistorctl.inventory.Flavour;
import dev.aistorctl.storagenode.health.ClusterHealth;
import dev.aistorctl.storagenode.node.Sha256;
import dev.aistorctl.workflows.Output;
import dev.aistorctl.workflows.text.Table;

/** {@code status} as text: a row per host, then the cluster's health, capacity and every problem. */
final class ClusterStatusText {
    private ClusterStatusText() {
    }

    static String of(ClusterStatus status, Output output) {
        boolean probe = status.probed();
        Table table = new Table(probe ? new String[] {"HOST", "SERVICE", "BINARY", "DRIVES", "LIVE", "S3 PROBE"}
                : new String[] {"HOST", "SERVICE", "BINARY", "DRIVES", "LIVE"});
        for (HostStatus h : status.hosts()) {
            String binary = !h.surveyed() ? "?" : h.binarySha256().isEmpty() ? "absent" : "sha256 " + Sha256.shortForm(h.binarySha256());
            String live = h.live() ? output.style("@|green yes|@") : output.style("@|red no|@") + " (" + h.health() + ")";
            String svc = "active".equals(h.service()) ? output.style("@|green active|@") : output.style("@|red " + h.service() + "|@");
            String bin = binary + (h.version().isEmpty() ? "" : " " + h.version());
            String drives = (!h.surveyed() ? "?" : String.valueOf(h.drivesMounted())) + "/" + h.drivesExpected();
            if (probe) {
                table.row(h.host(), svc, bin, drives, live, h.probe() == null ? "-" : h.probe().summary());
            } else {
                table.row(h.host(), svc, bin, drives, live);
            }
        }
        ClusterHealth health = status.health();
        StringBuilder out = new StringBuilder(table.render());
        out.append('\n').append("cluster ").append(status.cluster()).append(" (").append(status.flavour().name().toLowerCase())
                .append("): ").append(health.healthy() ? output.style("@|green healthy|@") : output.style("@|red NOT healthy|@"))
                .append(", ").append(health.summary()).append('\n');
        out.append("capacity: ").append(new ByteSize(status.rawBytes()).human()).append(" raw, ")
                .append(new ByteSize(status.usableBytes()).human()).append(" usable (").append(status.capacityNote()).append(")\n");
        if (status.flavour() != Flavour.MINIO) {
            out.append("note: ").append(ClusterHealth.S3PROXY_NOTE).append('\n');
        }
        if (!status.problems().isEmpty()) {
            out.append('\n').append(status.problems().size()).append(status.problems().size() == 1 ? " problem:\n" : " problems:\n");
            status.problems().forEach(p -> out.append("  ").append(p).append('\n'));
        }
        return status.redactor().redact(out.toString().stripTrailing());
    }
}
