package dev.aistorctl.playbooks.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.core.AistorException;
import dev.aistorctl.core.Command;
import dev.aistorctl.playbooks.ScriptedConnector;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class RunMarkedConnectorTest {
    @Test
    void every_command_carries_the_run_marker_and_nothing_runs_or_is_written_once_the_lock_was_let_go() {
        ScriptedConnector host = new ScriptedConnector("node01").answerProgram("true", c -> ScriptedConnector.result(0, ""));
        AtomicBoolean released = new AtomicBoolean();
        RunMarkedConnector marked = new RunMarkedConnector(host, "20261206T200000Z-ab12", released::get);

        marked.run(Command.of("true"));
        assertThat(host.commands().get(0).env()).containsEntry(HostLock.MARKER, "20261206T200000Z-ab12");

        released.set(true);
        assertThatThrownBy(() -> marked.run(Command.of("true"))).isInstanceOf(AistorException.class)
                .hasMessageContaining("the host lock was let go");
        assertThatThrownBy(() -> marked.start(Command.of("true"))).isInstanceOf(AistorException.class);
        assertThatThrownBy(() -> marked.put(new byte[] {1}, "/etc/x", 0644)).isInstanceOf(AistorException.class);
        assertThat(host.commands()).hasSize(1);
    }
}
