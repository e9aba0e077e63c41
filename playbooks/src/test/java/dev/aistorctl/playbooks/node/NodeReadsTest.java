package dev.aistorctl.playbooks.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.core.Command;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.playbooks.BatchAnsweringHost;
import dev.aistorctl.playbooks.Playbook;
import dev.aistorctl.playbooks.PlaybookLoader;
import dev.aistorctl.playbooks.PlaybookStep;
import dev.aistorctl.playbooks.Redactor;
import dev.aistorctl.playbooks.RunIds;
import dev.aistorctl.playbooks.RunOptions;
import dev.aistorctl.playbooks.RunResult;
import dev.aistorctl.playbooks.Runner;
import dev.aistorctl.playbooks.StepCheck;
import dev.aistorctl.playbooks.StepPlan;
import dev.aistorctl.playbooks.StepRegistry;
import dev.aistorctl.playbooks.StepResult;
import dev.aistorctl.playbooks.StepStatus;
import dev.aistorctl.playbooks.journal.Journal;
import dev.aistorctl.playbooks.journal.RunStore;
import dev.aistorctl.storagenode.minio.Secret;
import dev.aistorctl.storagenode.node.NodeFile;
import dev.aistorctl.storagenode.node.NodeFiles;
import dev.aistorctl.storagenode.node.ServiceStamp;
import dev.aistorctl.storagenode.node.Sha256;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node steps declare the reads their check and plan run, so the runner plans a converged node from one batch of
 * reads: the plan the batch answers is the plan the steps make reading the host one command at a time.
 */
class NodeReadsTest {
    private static final String JAR = "/usr/local/lib/aistor/s3proxy.jar";
    private static final String PROPERTIES = "/etc/default/s3proxy.properties";
    private static final String UNIT = "/etc/systemd/system/minio.service";
    private static final List<String> PLAYBOOKS = List.of("node-install", "node-start");

    @TempDir
    Path dir;

    /** A node holding exactly what the inventory renders, installed and running it. */
    private static ScriptedHost converged(Inventory inventory) {
        List<NodeFile> files = NodeFiles.of(inventory);
        NodeFile props = NodeFiles.secretFile(files);
        NodeFile unit = files.stream().filter(f -> f.path().equals(UNIT)).findFirst().orElseThrow();
        String digest = Secret.of(NodeInventories.PASSWORD).digest();
        String stamp = ServiceStamp.desired(NodeDesired.binary(inventory), files).withSecretDigest(digest).render();
        ScriptedHost host = new ScriptedHost(inventory)
                .answer("test -x /usr/local/bin/java", 1, "")
                .answer("getent group minio-user", 0, "minio-user:x:998:\n")
                .answer("getent passwd minio-user", 0, "minio-user:x:998:998::/home/minio-user:/usr/sbin/nologin\n")
                .answer("sha256sum -- " + JAR, 0, Sha256.of(NodeInventories.BINARY) + "  " + JAR + "\n")
                .answer("stat -c '%a %U:%G' -- " + PROPERTIES, 0, "640 root:minio-user\n")
                .answer("stat -c '%a %U:%G' -- " + UNIT, 0, "644 root:root\n")
                .answer("sed", 0, props.redacted())
                .answer("cat -- " + UNIT, 0, unit.redacted())
                .answer("cat -- " + NodeFiles.SECRET_DIGEST, 0, digest + "\n")
                .answer("test -f " + UNIT, 0, "")
                .answer("is-enabled", 0, "enabled\n")
                .answer("is-active", 0, "active\n")
                .answer("cat -- " + ServiceStamp.PATH, 0, stamp);
        for (String mount : List.of("/mnt/drive1", "/mnt/drive2")) {
            host.answer("findmnt -rn --mountpoint " + mount, 0, mount + " /dev/loop4 xfs rw,noatime\n")
                    .answer("stat -c '%F %U:%G %a' -- " + mount + "/minio", 0, "directory minio-user:minio-user 750\n");
        }
        return host;
    }

    private static List<PlaybookStep> steps(String playbook) {
        return new PlaybookLoader(StepRegistry.builtIn()).builtIn(playbook).steps();
    }

    @Test
    void everyNodeStepDeclaresEveryReadItsCheckAndPlanRunAllAsRoot() throws Exception {
        Inventory inventory = NodeInventories.s3proxy(dir);
        for (String playbook : PLAYBOOKS) {
            for (PlaybookStep s : steps(playbook)) {
                ScriptedHost host = converged(inventory);

                List<Command> declared = s.step().reads(host);
                assertThat(host.connector().commands()).as("%s declares without reading", s.name()).isEmpty();
                s.step().check(host);
                s.step().plan(host);

                assertThat(declared).as("%s declares its reads", s.name()).isNotEmpty()
                        .containsAll(host.connector().commands());
                // One privilege for all of them: reads as root and as the login user would be two batches.
                assertThat(declared).allSatisfy(c -> assertThat(c.privileged()).as("%s: %s", s.name(), c).isTrue());
            }
        }
    }

    @Test
    void aConvergedNodeIsPlannedFromOneCommandWithTheSamePlanAsReadingTheHostOneCommandAtATime() throws Exception {
        Inventory inventory = NodeInventories.s3proxy(dir);
        for (String playbook : PLAYBOOKS) {
            Playbook book = new PlaybookLoader(StepRegistry.builtIn()).builtIn(playbook);
            List<String> alone = new ArrayList<>();
            int readAlone = 0;
            for (PlaybookStep s : book.steps()) {
                ScriptedHost host = converged(inventory);
                StepCheck check = s.step().check(host);
                StepPlan plan = s.step().plan(host);
                assertThat(check.status()).isEqualTo(StepCheck.Status.READY);
                alone.add(plan.nothingToDoBecause());
                readAlone += host.connector().commands().size();
            }

            ScriptedHost host = converged(inventory);
            Set<Command> reads = new LinkedHashSet<>();
            book.steps().forEach(s -> reads.addAll(s.step().reads(host)));
            BatchAnsweringHost batched = new BatchAnsweringHost(host.connector(), reads);
            RunResult planned = plan(inventory, book, batched);

            assertThat(planned.hosts()).singleElement().satisfies(h -> {
                assertThat(h.steps()).extracting(StepResult::status).as(playbook).containsOnly(StepStatus.OK);
                assertThat(h.steps()).extracting(StepResult::reason).as(playbook).containsExactlyElementsOf(alone);
            });
            assertThat(batched.sent()).as("%s: one batch instead of %d commands", playbook, readAlone).hasSize(1);
            assertThat(batched.sent().get(0).privileged()).isTrue();
            assertThat(readAlone).as(playbook).isGreaterThan(1);
        }
    }

    @Test
    void aNodeWithAnOlderBinaryIsPlannedFromTheBatchAsFromTheHost() throws Exception {
        Inventory inventory = NodeInventories.s3proxy(dir);
        Playbook book = new PlaybookLoader(StepRegistry.builtIn()).builtIn("node-install");
        String older = Sha256.of("an older build".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ScriptedHost alone = converged(inventory).answer("sha256sum -- " + JAR, 0, older + "  " + JAR + "\n");
        StepPlan fromHost = new NodeBinary().plan(alone);

        ScriptedHost host = converged(inventory).answer("sha256sum -- " + JAR, 0, older + "  " + JAR + "\n");
        Set<Command> reads = new LinkedHashSet<>();
        book.steps().forEach(s -> reads.addAll(s.step().reads(host)));
        BatchAnsweringHost batched = new BatchAnsweringHost(host.connector(), reads);
        RunResult planned = plan(inventory, book, batched);

        StepResult binary = planned.hosts().get(0).steps().stream().filter(s -> s.type().equals(NodeBinary.TYPE))
                .findFirst().orElseThrow();
        assertThat(binary.status()).isEqualTo(StepStatus.CHANGED);
        assertThat(binary.plan().changes()).isEqualTo(fromHost.changes());
        assertThat(batched.sent()).hasSize(1);
    }

    /** The plan stage of {@code book} on the inventory's first host, reached through {@code host}. */
    private RunResult plan(Inventory inventory, Playbook book, BatchAnsweringHost host) {
        String id = RunIds.next(Instant.now());
        RunStore store = new RunStore(dir.resolve("runs"));
        try (Journal journal = Journal.create(store.runsDir(), id, new Redactor())) {
            Runner runner = Runner.builder().runId(id).inventory(inventory).connect(h -> host).lock(null).journal(journal)
                    .build();
            List<InventoryHost> first = List.of(inventory.hosts().get(0));
            return runner.plan(book, first, RunOptions.defaults(1));
        }
    }
}
