package dev.aistorctl.playbooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A Ctrl-C that finds nobody listening ends the process; one that finds a run is the run's. The two exclude each
 * other: once the process is quitting, nothing starts listening (a run would otherwise begin, unrecorded, while
 * the process ends under it).
 */
class InterruptionQuittingTest {
    private final Interruption interruption = new Interruption();

    @Test
    void with_nobody_listening_the_process_quits_and_a_run_starting_after_never_gets_going() throws Exception {
        assertThat(interruption.quitUnlessHeard()).isTrue();

        AtomicBoolean started = new AtomicBoolean();
        Thread run = new Thread(() -> {
            interruption.listen(Interruption.Listener.PRESENT);
            started.set(true);
        });
        run.setDaemon(true);
        run.start();
        run.interrupt();
        run.join(500);

        assertThat(started).as("a run never starts once the process is quitting, interrupted or not").isFalse();
        assertThat(run.isAlive()).isTrue();
        assertThat(interruption.hasListeners()).isFalse();
    }

    @Test
    void a_run_present_takes_the_request_and_the_process_goes_on() {
        try (Interruption.Registration present = interruption.listen(Interruption.Listener.PRESENT)) {
            assertThat(interruption.quitUnlessHeard()).isFalse();
        }
        // what the CLI does next: the request is the run's
        interruption.request("SIGINT");

        assertThat(interruption.quitUnlessHeard()).as("a second Ctrl-C after the run ended forces, it does not quit").isFalse();
        try (Interruption.Registration again = interruption.listen(Interruption.Listener.PRESENT)) {
            assertThat(interruption.hasListeners()).as("later phases still listen").isTrue();
        }
    }
}
