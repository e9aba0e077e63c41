package dev.aistorctl.storagenode.drives;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aistorctl.core.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON field names are an API: each one the documentation lists is here, in snake_case. */
class DrivesJsonTest {
    @Test
    void fieldNamesAreStable() throws Exception {
        HostDrives host = Captures.discover(Captures.recorded("lab-formatted"), Captures.labRule(), "drfix");
        JsonNode json = Json.mapper().valueToTree(DrivesReport.of("drfix", List.of(host)));

        assertThat(json.fieldNames()).toIterable().containsExactlyInAnyOrder("cluster", "cluster_tag", "hosts", "failed_hosts");
        assertThat(json.get("cluster_tag").asText()).isEqualTo("3c9ad769");
        JsonNode h = json.get("hosts").get(0);
        assertThat(h.fieldNames()).toIterable().containsExactlyInAnyOrder("host", "reachable", "error", "pool", "required",
                "selected", "problem", "left_out", "notes", "devices", "ok");
        JsonNode d = h.get("devices").get(2);
        assertThat(d.fieldNames()).toIterable().containsExactlyInAnyOrder("name", "path", "kind", "model", "serial", "wwn",
                "size_bytes", "transport", "rotational", "read_only", "removable", "pci_address", "backing_file", "partitions", "holders",
                "mounts", "swap", "fstab", "fstype", "label", "fs_uuid", "signatures", "signatures_probed", "probe_error",
                "fingerprint", "state", "deny_reasons", "prepared_index", "selected", "drive_index", "mount_point");
        assertThat(d.get("path").asText()).isEqualTo("/dev/loop42");
        assertThat(d.get("state").asText()).isEqualTo("prepared");
        assertThat(d.get("deny_reasons").get(0).get("code").asText()).isEqualTo("prepared");
        assertThat(d.get("mount_point").asText()).isEqualTo("/mnt/drive2");
        assertThat(d.get("signatures").get(0).get("label").asText()).isEqualTo("3c9ad769d02");
        assertThat(h.get("devices").get(1).get("mounts").get(0).get("mount_point").asText()).isEqualTo("/mnt/old");
    }
}
