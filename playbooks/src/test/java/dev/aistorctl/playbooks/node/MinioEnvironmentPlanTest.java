package dev.aistorctl.playbooks.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.playbooks.Change;
import dev.aistorctl.playbooks.Redactor;
import dev.aistorctl.playbooks.StepPlan;
import dev.aistorctl.playbooks.journal.RunJson;
import dev.aistorctl.storagenode.minio.MinioLicense;
import dev.aistorctl.storagenode.minio.MinioPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A MinIO node's plan shows what /etc/default/minio will hold: MINIO_VOLUMES and MINIO_OPTS, never the password. */
class MinioEnvironmentPlanTest {
    private static final String ENV = MinioPaths.ENV_FILE;
    private static final String PERMISSIONS_COMMENT = "# The root password below makes this file mode 0640, owner root, group minio-user.";

    @TempDir
    Path dir;

    @Test
    void aNewEnvironmentFileIsShownInFullWithThePasswordMasked() throws Exception {
        Inventory inventory = NodeInventories.minio(dir);
        ScriptedHost host = new ScriptedHost(inventory).answer("stat -c", 1, "");

        StepPlan plan = new NodeConfigFiles().plan(host);

        Change env = plan.changes().stream().filter(c -> c.what().equals(ENV)).findFirst().orElseThrow();
        assertThat(env.diff()).startsWith("--- /dev/null\n+++ " + ENV + "\n@@ -0,0 +1,")
                .contains("\n+MINIO_VOLUMES=", "unit-node{1...3}", "/mnt/drive{1...2}", "\n+MINIO_OPTS=\"--address :9000 --console-address :9001\"",
                        "\n+MINIO_ROOT_PASSWORD=<redacted>\n")
                .doesNotContain(NodeInventories.PASSWORD);
        // The file's comment is not shaped like a credential, so the plan shows it as written.
        assertThat(env.diff()).contains("\n+" + PERMISSIONS_COMMENT + "\n").containsOnlyOnce(Redactor.MASK);
        // The same diff in the plan's JSON.
        assertThat(RunJson.changes(plan).toString()).contains("+MINIO_VOLUMES=").doesNotContain(NodeInventories.PASSWORD);
        // Known before anything is written, so the plan carries it: printed under it, and journaled with it.
        assertThat(plan.warnings()).containsExactly(MinioLicense.MISSING_WARNING);
    }

    @Test
    void aChangedEnvironmentFileIsAUnifiedDiffAgainstTheHostsCopy() throws Exception {
        Inventory inventory = NodeInventories.minio(dir);
        // Written for two hosts, before the console address and before the comment's rewording: the host's copy as
        // its sed masked it.
        String old = "# Managed by aistorctl and rewritten on every apply; read by minio.service (EnvironmentFile=).\n"
                + "# Holds the root password: mode 0640, owner root, group minio-user.\n"
                + "MINIO_VOLUMES=\"http://unit-node{1...2}:9000/mnt/drive{1...2}/minio\"\nMINIO_OPTS=\"--address :9000\"\n"
                + "MINIO_ROOT_USER=\"aistoradmin\"\nMINIO_ROOT_PASSWORD=<redacted>\n";
        ScriptedHost host = new ScriptedHost(inventory)
                .answer("stat -c '%a %U:%G' -- " + ENV, 0, "640 root:minio-user\n")
                .answer("sed", 0, old)
                .answer("cat -- " + dev.aistorctl.storagenode.node.NodeFiles.SECRET_DIGEST, 0, "")
                .answer("stat -c", 1, "");

        StepPlan plan = new NodeConfigFiles().plan(host);

        Change content = plan.changes().stream().filter(c -> c.what().equals(ENV + " content")).findFirst().orElseThrow();
        assertThat(content.diff()).startsWith("--- " + ENV + "\n+++ " + ENV + "\n@@ ")
                .contains("\n-MINIO_VOLUMES=\"http://unit-node{1...2}:9000/mnt/drive{1...2}/minio\"\n", "\n+MINIO_VOLUMES=",
                        "\n-MINIO_OPTS=\"--address :9000\"\n", "\n+MINIO_OPTS=\"--address :9000 --console-address :9001\"\n",
                        "\n MINIO_ROOT_USER=\"aistoradmin\"\n",
                        // Earlier versions' comment read as a credential and was masked; a host that holds it is shown
                        // the rewording, which rewrites its file (and restarts its node) once.
                        "\n-# Holds the root password: <redacted> 0640, owner root, group minio-user.\n",
                        "\n+" + PERMISSIONS_COMMENT + "\n")
                .doesNotContain("+# Managed")
                .doesNotContain(NodeInventories.PASSWORD);
    }
}
