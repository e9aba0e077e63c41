package dev.aistorctl.workflows.node;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aistorctl.core.Json;
import dev.aistorctl.inventory.Flavour;
import dev.aistorctl.storagenode.health.ClusterHealth;
import dev.aistorctl.storagenode.health.RoundTrip;

/** {@code status -o json}: the cluster's status as a document whose field names are an API (docs/json-output.md). */
final class ClusterStatusJson {
    private ClusterStatusJson() {
    }

    static ObjectNode of(ClusterStatus status) {
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("cluster", status.cluster());
        doc.put("flavour", status.flavour().name().toLowerCase());
        ArrayNode hosts = doc.putArray("hosts");
        for (HostStatus h : status.hosts()) {
            host(hosts.addObject(), h);
        }
        ClusterHealth health = status.health();
        ObjectNode c = doc.putObject("health");
        c.put("healthy", health.healthy());
        health.quorum().ifPresent(q -> c.put("quorum", q));
        c.put("summary", health.summary());
        ObjectNode cap = doc.putObject("capacity");
        cap.put("raw_bytes", status.rawBytes());
        cap.put("usable_bytes", status.usableBytes());
        cap.put("note", status.capacityNote());
        if (status.flavour() != Flavour.MINIO) {
            doc.put("note", ClusterHealth.S3PROXY_NOTE);
        }
        ArrayNode pj = doc.putArray("problems");
        status.problems().forEach(pj::add);
        doc.put("ok", status.ok());
        return (ObjectNode) status.redactor().redact(doc);
    }

    private static void host(ObjectNode j, HostStatus h) {
        j.put("host", h.host());
        j.put("live", h.live());
        j.put("health", h.health());
        j.put("service", h.service());
        j.put("binary_sha256", h.binarySha256());
        if (!h.version().isEmpty()) {
            j.put("version", h.version());
        }
        if (h.drivesMounted() == null) {
            j.putNull("drives_mounted");
        } else {
            j.put("drives_mounted", h.drivesMounted().longValue());
        }
        j.put("drives_expected", h.drivesExpected());
        RoundTrip t = h.probe();
        if (t != null) {
            ObjectNode pj = j.putObject("probe");
            pj.put("verified", t.verified());
            pj.put("bytes", t.bytes());
            pj.put("sha256", t.sha256Put());
            pj.put("put_ms", t.put().toMillis());
            pj.put("get_ms", t.get().toMillis());
            if (t.error() != null) {
                pj.put("error", t.error());
            }
        }
    }
}
