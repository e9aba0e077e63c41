package dev.aistorctl.playbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.core.Command;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.playbooks.journal.Journal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scripted host answers what it was told and fails the test on anything else. */
class ScriptedConnectorTest {
    @TempDir
    Path home;

    /** A step that reloads systemd, or, wrongly, re-executes it. */
    private record Reload(String verb) implements Step {
        @Override
        public String type() {
            return "reload";
        }

        @Override
        public StepPlan plan(StepContext context) {
            String enabled = context.runChecked(Command.of("systemctl", "is-enabled", "minio.service"), "read minio.service")
                    .stdoutText().strip();
            return StepPlan.changes(type(), context.host(), List.of(Change.of("systemd units", enabled, "reloaded")));
        }

        @Override
        public void apply(StepContext context, StepPlan plan) {
            context.runChecked(Command.of("systemctl", verb).asRoot(), "reload systemd units");
        }
    }

    private static ScriptedContext host() {
        return new ScriptedContext(new ScriptedConnector("node1")
                .answer("systemctl is-enabled minio.service", 0, "enabled\n")
                .answer("systemctl daemon-reload", 0, ""));
    }

    @Test
    void aScriptedCommandIsAnsweredAsTold() {
        ScriptedContext host = host();
        Reload step = new Reload("daemon-reload");

        StepPlan plan = step.plan(host);
        step.apply(host, plan);

        assertThat(plan.changes()).containsExactly(Change.of("systemd units", "enabled", "reloaded"));
        assertThat(host.connector().lines()).containsExactly("systemctl is-enabled minio.service", "systemctl daemon-reload");
        host.connector().assertEveryCommandScripted();
    }

    @Test
    void aCommandTheHostWasNotToldAboutFailsTheTestNamingItAndTheRulesTheHostKnows() {
        ScriptedContext host = host();
        Reload step = new Reload("daemon-reexec");
        StepPlan plan = step.plan(host);

        assertThatThrownBy(() -> step.apply(host, plan))
                .isExactlyInstanceOf(AssertionError.class)
                .hasMessageContaining("node1 was sent a command it was not told about: systemctl daemon-reexec")
                .hasMessageContaining("- a command containing systemctl is-enabled minio.service")
                .hasMessageContaining("- a command containing systemctl daemon-reload");
        assertThatThrownBy(() -> host.connector().assertEveryCommandScripted())
                .hasMessageContaining("systemctl daemon-reexec");
    }

    @Test
    void aHostToldNothingAnswersNothing() {
        ScriptedContext host = new ScriptedContext(new ScriptedConnector("node1"));

        assertThatThrownBy(() -> host.run(Command.of("true")))
                .hasMessage("node1 was sent a command it was not told about: true\nit answers only: nothing");
    }

    @Test
    void aScriptIsNamedByItsFirstLineAndItsArguments() {
        ScriptedConnector host = new ScriptedConnector("node1");

        assertThatThrownBy(() -> host.run(Command.of("sh", "-c", "set -e\nmkfs.xfs \"$1\"\n", "aistorctl-format", "/dev/sdb")))
                .hasMessageContaining("not told about: sh -c 'set -e ... (2 lines)' aistorctl-format /dev/sdb");
    }

    @Test
    void aDefaultAnswerCoversOnlyThePatternItNames() {
        ScriptedConnector host = new ScriptedConnector("node1")
                .answerProgram("aistorctl-format", c -> ScriptedConnector.result(0, "@drive 1 0\n"));

        assertThat(host.run(Command.of("sh", "-c", "true", "aistorctl-format", "/dev/sdb")).stdoutText()).isEqualTo("@drive 1 0\n");
        assertThatThrownBy(() -> host.run(Command.of("sh", "-c", "true", "aistorctl-probe")))
                .hasMessageContaining("not told about: sh -c true aistorctl-probe")
                .hasMessageContaining("- program aistorctl-format");
    }

    @Test
    void readingAFileNoStepWroteFails() {
        ScriptedConnector host = new ScriptedConnector("node1");
        host.put("x".getBytes(), "/etc/written", 0644);

        assertThat(host.get("/etc/written")).isEqualTo("x".getBytes());
        assertThatThrownBy(() -> host.get("/etc/fstab")).hasMessageContaining("asked for /etc/fstab, which no step wrote");
    }

    @Test
    void underTheRunnerAnUnscriptedCommandFailsItsStepAndStillFailsTheTest() {
        FakeHosts fake = new FakeHosts();
        List<InventoryHost> hosts = fake.hosts("node01");
        Playbook playbook = new Playbook("p", "", "test", List.of(new PlaybookStep(1, null, new Reload("daemon-reexec"), "t")));
        String id = RunIds.next(Instant.now());
        RunResult result;
        try (Journal journal = Journal.create(home.resolve("runs"), id, new Redactor())) {
            result = Runner.builder().runId(id).connect(fake.connect()).lock(null).journal(journal).build()
                    .run(playbook, hosts, RunOptions.defaults(1));
        }

        // The runner turns what the step threw into a failed step, which alone a test expecting failure would accept.
        assertThat(result.hosts().get(0).error()).contains("not told about: systemctl is-enabled minio.service");
        assertThatThrownBy(() -> fake.connectors.get("node01").assertEveryCommandScripted())
                .hasMessageContaining("node01 was sent commands it was not told about:\n  systemctl is-enabled minio.service");
    }
}
