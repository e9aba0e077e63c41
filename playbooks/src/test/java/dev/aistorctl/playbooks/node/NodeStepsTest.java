package dev.aistorctl.playbooks.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.core.RemoteException;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.playbooks.Change;
import dev.aistorctl.playbooks.StepPlan;
import dev.aistorctl.storagenode.minio.Secret;
import dev.aistorctl.storagenode.node.NodeFile;
import dev.aistorctl.storagenode.node.NodeFiles;
import dev.aistorctl.storagenode.node.ServiceStamp;
import dev.aistorctl.storagenode.node.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the node steps plan and do, read from scripted hosts. */
class NodeStepsTest {
    private static final String JAR = "/usr/local/lib/aistor/s3proxy.jar";
    private static final String JAR_DIR = "/usr/local/lib/aistor";
    private static final String PROPERTIES = "/etc/default/s3proxy.properties";
    private static final String UNIT = "/etc/systemd/system/minio.service";

    @TempDir
    Path dir;

    private static String sha256sum(byte[] bytes, String path) {
        return Sha256.of(bytes) + "  " + path + "\n";
    }

    /** What {@code findmnt -rn --mountpoint} prints for a lab data drive. */
    private static String mounted(String mount, String device) {
        return mount + " " + device + " xfs rw,noatime,attr2,inode64,logbufs=8,logbsize=32k,noquota\n";
    }

    @Test
    void theSameBinaryAlreadyInPlacePlansNothing() throws Exception {
        ScriptedHost host = new ScriptedHost(NodeInventories.s3proxy(dir))
                .answer("sha256sum -- " + JAR, 0, sha256sum(NodeInventories.BINARY, JAR));

        StepPlan plan = new NodeBinary().plan(host);

        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.nothingToDoBecause()).contains(JAR, Sha256.shortForm(Sha256.of(NodeInventories.BINARY)));
    }

    @Test
    void aDifferentBinaryPlansItsReplacementByDigest() throws Exception {
        byte[] old = "an older build".getBytes(StandardCharsets.UTF_8);
        ScriptedHost host = new ScriptedHost(NodeInventories.s3proxy(dir)).answer("sha256sum -- " + JAR, 0, sha256sum(old, JAR));

        StepPlan plan = new NodeBinary().plan(host);

        assertThat(plan.changes()).singleElement().satisfies(c -> {
            assertThat(c.what()).isEqualTo(JAR);
            assertThat(c.before()).isEqualTo("sha256 " + Sha256.shortForm(Sha256.of(old)));
            assertThat(c.after()).startsWith("sha256 " + Sha256.shortForm(Sha256.of(NodeInventories.BINARY))).contains("uploaded from");
        });
    }

    @Test
    void aWrongDigestOnTheHostRefusesTheInstallAndNeverRenames() throws Exception {
        String pinned = "b".repeat(64);
        ScriptedHost host = new ScriptedHost(NodeInventories.s3proxy(dir, pinned))
                .answer("sha256sum -- " + JAR + ".aistorctl-new", 0, sha256sum(NodeInventories.BINARY, JAR + ".aistorctl-new"))
                .answer("sha256sum -- " + JAR, 0, sha256sum("old".getBytes(StandardCharsets.UTF_8), JAR))
                .answer("mkdir -p -- " + JAR_DIR, 0, "")
                .answer("rm -f -- " + JAR + ".aistorctl-new", 0, "");
        NodeBinary step = new NodeBinary();
        StepPlan plan = step.plan(host);

        assertThatThrownBy(() -> step.apply(host, plan)).isInstanceOf(RemoteException.class)
                .hasMessageContaining("refusing to install").hasMessageContaining(pinned)
                .hasMessageContaining("running service are untouched");
        assertThat(host.written()).containsOnlyKeys(JAR + ".aistorctl-new");
        assertThat(host.ran("rm -f -- " + JAR + ".aistorctl-new")).isTrue();
        assertThat(host.ran("mv -f")).isFalse();
    }

    @Test
    void aMatchingDigestIsRenamedIntoPlace() throws Exception {
        ScriptedHost host = new ScriptedHost(NodeInventories.s3proxy(dir))
                .answer("sha256sum -- " + JAR + ".aistorctl-new", 0, sha256sum(NodeInventories.BINARY, "x"))
                .answer("sha256sum -- " + JAR, 1, "")
                .answer("mkdir -p -- " + JAR_DIR, 0, "")
                .answer("mv -f -- \"$1\" \"$2\"' install " + JAR + ".aistorctl-new " + JAR, 0, "");
        NodeBinary step = new NodeBinary();

        step.apply(host, step.plan(host));

        assertThat(host.written().get(JAR + ".aistorctl-new")).isEqualTo(NodeInventories.BINARY);
        assertThat(host.commands()).anyMatch(c -> c.contains("mv -f") && c.contains(JAR + ".aistorctl-new") && c.endsWith(JAR));
    }

    /** A host holding exactly what the inventory renders, credential digest included. */
    private ScriptedHost converged(Inventory inventory, String digest) {
        List<NodeFile> files = NodeFiles.of(inventory);
        NodeFile props = NodeFiles.secretFile(files);
        NodeFile unit = files.stream().filter(f -> f.path().equals(UNIT)).findFirst().orElseThrow();
        return new ScriptedHost(inventory)
                .answer("stat -c '%a %U:%G' -- " + PROPERTIES, 0, "640 root:minio-user\n")
                .answer("stat -c '%a %U:%G' -- " + UNIT, 0, "644 root:root\n")
                .answer("sed", 0, props.redacted())
                .answer("cat -- " + UNIT, 0, unit.redacted())
                .answer("cat -- " + NodeFiles.SECRET_DIGEST, 0, digest + "\n");
    }

    @Test
    void configuredFilesAndAMatchingCredentialPlanNothing() throws Exception {
        Inventory inventory = NodeInventories.s3proxy(dir);
        ScriptedHost host = converged(inventory, Secret.of(NodeInventories.PASSWORD).digest());

        StepPlan plan = new NodeConfigFiles().plan(host);

        assertThat(plan.isEmpty()).as(String.valueOf(plan.changes())).isTrue();
        // The host masked the credential itself: the file's text never came back with it.
        assertThat(host.commands()).anyMatch(c -> c.contains("sed") && c.contains("s3proxy.credential=") && c.contains(PROPERTIES));
        assertThat(host.commands()).noneMatch(c -> c.contains("cat -- " + PROPERTIES));
    }

    @Test
    void aChangedCredentialIsPlannedByDigestWithoutShowingEitherValue() throws Exception {
        Inventory inventory = NodeInventories.s3proxy(dir);
        ScriptedHost host = converged(inventory, Secret.of("the-previous-password").digest());

        StepPlan plan = new NodeConfigFiles().plan(host);

        assertThat(plan.changes()).extracting(Change::what).containsExactly(PROPERTIES + " credential");
        assertThat(plan.toString()).doesNotContain(NodeInventories.PASSWORD).doesNotContain("the-previous-password")
                .contains("file:");
    }

    @Test
    void changedContentIsPlannedByContentHash() throws Exception {
        Inventory inventory = NodeInventories.s3proxy(dir);
        ScriptedHost host = converged(inventory, Secret.of(NodeInventories.PASSWORD).digest())
                .answer("cat -- " + UNIT, 0, "[Unit]\nDescription=someone else's\n");

        StepPlan plan = new NodeConfigFiles().plan(host);

        assertThat(plan.changes()).singleElement().satisfies(c -> {
            assertThat(c.what()).isEqualTo(UNIT + " content");
            assertThat(c.after()).startsWith("sha256 ");
        });
    }

    @Test
    void applyWritesTheCredentialOnlyIntoItsFileAndADigestBeside() throws Exception {
        Inventory inventory = NodeInventories.s3proxy(dir);
        ScriptedHost host = new ScriptedHost(inventory).answer("stat -c", 1, "")
                .answer("mkdir -p -- /etc/default", 0, "")
                .answer("mkdir -p -m 0700 -- " + NodeFiles.STATE_DIR, 0, "")
                .answer("chown root:minio-user -- " + PROPERTIES, 0, "")
                .answer("chmod 0640 -- " + PROPERTIES, 0, "")
                .answer("mkdir -p -- /etc/systemd/system", 0, "")
                .answer("chown root:root -- " + UNIT, 0, "")
                .answer("chmod 0644 -- " + UNIT, 0, "")
                .answer("systemctl daemon-reload", 0, "");
        NodeConfigFiles step = new NodeConfigFiles();

        step.apply(host, step.plan(host));

        assertThat(new String(host.written().get(PROPERTIES), StandardCharsets.ISO_8859_1)).contains(NodeInventories.PASSWORD);
        String digest = new String(host.written().get(NodeFiles.SECRET_DIGEST), StandardCharsets.US_ASCII).strip();
        assertThat(digest).doesNotContain(NodeInventories.PASSWORD);
        assertThat(Secret.of(NodeInventories.PASSWORD).matches(digest)).isTrue();
        host.written().forEach((path, bytes) -> {
            if (!path.equals(PROPERTIES)) {
                assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).as(path).doesNotContain(NodeInventories.PASSWORD);
            }
        });
        assertThat(host.commands()).noneMatch(c -> c.contains(NodeInventories.PASSWORD));
        assertThat(host.ran("systemctl daemon-reload")).as("a new unit is reloaded").isTrue();
    }

    private static String stamp(Inventory inventory, String binarySha256) {
        var files = NodeFiles.of(inventory);
        var desired = ServiceStamp.desired(NodeDesired.binary(inventory), files);
        var lines = new java.util.ArrayList<>(desired.lines());
        lines.set(0, "binary " + binarySha256);
        return new ServiceStamp(lines, java.util.Optional.of(Secret.of(NodeInventories.PASSWORD).digest())).render();
    }

    @Test
    void aServiceRunningWhatIsInstalledPlansNothing() throws Exception {
        Inventory inventory = NodeInventories.s3proxy(dir);
        ScriptedHost host = new ScriptedHost(inventory).answer("test -f " + UNIT, 0, "")
                .answer("is-enabled", 0, "enabled\n").answer("is-active", 0, "active\n")
                .answer("cat -- " + ServiceStamp.PATH, 0, stamp(inventory, Sha256.of(NodeInventories.BINARY)));

        assertThat(new SystemdService(false).plan(host).isEmpty()).isTrue();
        assertThat(new SystemdService(true).plan(host).changes()).singleElement()
                .satisfies(c -> assertThat(c.after()).contains("restarted with the whole cluster (requested)"));
    }

    @Test
    void aServiceRunningAnOlderBinaryPlansTheRestartAndSaysWhy() throws Exception {
        Inventory inventory = NodeInventories.s3proxy(dir);
        String older = "c".repeat(64);
        ScriptedHost host = new ScriptedHost(inventory).answer("test -f " + UNIT, 0, "")
                .answer("is-enabled", 0, "enabled\n").answer("is-active", 0, "active\n")
                .answer("cat -- " + ServiceStamp.PATH, 0, stamp(inventory, older));

        StepPlan plan = new SystemdService(false).plan(host);

        assertThat(plan.changes()).singleElement().satisfies(c -> assertThat(c.after())
                .contains("restarted with the whole cluster").contains("binary " + Sha256.shortForm(older)));
    }

    @Test
    void aStoppedServiceIsEnabledAndStartedWithoutWaitingForPeers() throws Exception {
        Inventory inventory = NodeInventories.s3proxy(dir);
        ScriptedHost host = new ScriptedHost(inventory).answer("test -f " + UNIT, 0, "")
                .answer("is-enabled", 1, "disabled\n").answer("is-active", 3, "inactive\n");
        SystemdService step = new SystemdService(false);

        StepPlan plan = step.plan(host);
        assertThat(plan.changes()).extracting(Change::after).containsExactly("enabled", "started");

        host.answer("systemctl daemon-reload", 0, "").answer("systemctl enable minio.service", 0, "")
                .answer("cat -- " + NodeFiles.SECRET_DIGEST, 1, "")
                .answer("systemctl reset-failed minio.service", 0, "")
                .answer("systemctl start --no-block minio.service", 0, "")
                .answer("mkdir -p -m 0700 -- " + NodeFiles.STATE_DIR, 0, "")
                .answer("systemctl list-jobs --no-legend minio.service", 0, "");
        step.apply(host, plan);
        assertThat(host.ran("systemctl enable minio.service")).isTrue();
        assertThat(host.ran("systemctl start --no-block minio.service")).isTrue();
        String stamp = new String(host.written().get(ServiceStamp.PATH), StandardCharsets.US_ASCII);
        assertThat(stamp).contains("binary " + Sha256.of(NodeInventories.BINARY)).doesNotContain(NodeInventories.PASSWORD);
    }

    @Test
    void anUnmountedDriveIsRefusedBeforeAnythingIsCreated() throws Exception {
        ScriptedHost host = new ScriptedHost(NodeInventories.s3proxy(dir))
                .answer("findmnt -rn --mountpoint /mnt/drive1", 0, mounted("/mnt/drive1", "/dev/loop40"))
                .answer("findmnt -rn --mountpoint /mnt/drive2", 1, "");

        assertThatThrownBy(() -> new DataDirectories().plan(host)).isInstanceOf(RemoteException.class)
                .hasMessageContaining("/mnt/drive2 is not mounted").hasMessageContaining("root filesystem");
        assertThat(host.commands()).noneMatch(c -> c.contains("mkdir"));
    }

    @Test
    void dataDirectoriesWithTheWrongOwnerAreCorrected() throws Exception {
        ScriptedHost host = new ScriptedHost(NodeInventories.s3proxy(dir))
                .answer("findmnt -rn --mountpoint /mnt/drive1", 0, mounted("/mnt/drive1", "/dev/loop40"))
                .answer("findmnt -rn --mountpoint /mnt/drive2", 0, mounted("/mnt/drive2", "/dev/loop41"))
                .answer("stat -c '%F %U:%G %a' -- /mnt/drive1/minio", 0, "directory root:root 755\n")
                .answer("stat -c '%F %U:%G %a' -- /mnt/drive2/minio", 0, "directory minio-user:minio-user 750\n");

        StepPlan plan = new DataDirectories().plan(host);

        assertThat(plan.changes()).singleElement().satisfies(c -> {
            assertThat(c.what()).isEqualTo("/mnt/drive1/minio");
            assertThat(c.before()).isEqualTo("directory root:root 0755");
            assertThat(c.after()).isEqualTo("directory minio-user:minio-user 0750");
        });
    }
}
