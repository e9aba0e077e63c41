package dev.aistorctl.workflows.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.aistorctl.workflows.RecordingOutput;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryLoader;
import dev.aistorctl.storagenode.minio.MinioLicense;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the node's plan warns of is printed beside it, and only where a person reads. */
class NodeWarningsTest {
    @TempDir
    Path dir;

    @Test
    void aMinioNodeWithoutALicenseIsWarnedOfWithThePlan() throws IOException {
        List<String> warnings = NodeWarnings.of(inventory("minio"));
        assertThat(warnings).containsExactly(MinioLicense.MISSING_WARNING);

        RecordingOutput text = new RecordingOutput(false, false);
        NodeWarnings.print(warnings, text);
        assertThat(text.results).containsExactly("warning: " + MinioLicense.MISSING_WARNING);

        RecordingOutput json = new RecordingOutput(true, false);
        NodeWarnings.print(warnings, json);
        assertThat(json.results).isEmpty();
    }

    @Test
    void theLabsS3ServerNeedsNoLicense() throws IOException {
        assertThat(NodeWarnings.of(inventory("s3proxy"))).isEmpty();
    }

    private Inventory inventory(String flavour) throws IOException {
        Path file = dir.resolve("inventory.yaml");
        Files.writeString(file, """
                version: 1
                cluster: {name: poc}
                ssh: {user: root}
                node:
                  flavour: %s
                  binary: {path: artifacts/minio, sha256: 3f9c5e0b8a41d2c67e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d}
                  root_user: admin
                  root_password: {file: secrets/root-password}
                pools:
                  - name: pool1
                    hosts: node{1...4}
                    drives: {count: 4, mount: "/mnt/drive{1...4}"}
                """.formatted(flavour));
        return InventoryLoader.load(file);
    }
}
