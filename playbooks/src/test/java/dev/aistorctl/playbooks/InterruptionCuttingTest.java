package dev.aistorctl.playbooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.aistorctl.core.Fanout;
import dev.aistorctl.core.HostOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A phase that changes nothing (the pre-flight survey, the wait for health) cut by the first Ctrl-C: the blocked
 * work sees the interrupt, the work on every host cleans up (the remote command killed) before the phase returns,
 * and nothing of the interrupt is left for what follows.
 */
// Without the cut, the work waits ten minutes: the test fails on its timeout instead.
@Timeout(60)
class InterruptionCuttingTest {
    private final Interruption interruption = new Interruption();

    @Test
    void the_first_request_cuts_a_wait_and_leaves_the_thread_uninterrupted() throws Exception {
        CountDownLatch waiting = new CountDownLatch(1);
        requestWhen(waiting);

        String ended = interruption.cutting(() -> {
            waiting.countDown();
            try {
                Thread.sleep(TimeUnit.MINUTES.toMillis(10));
                return "waited ten minutes";
            } catch (InterruptedException e) {
                return "cut";
            }
        });

        assertThat(ended).isEqualTo("cut");
        assertThat(interruption.requested()).isTrue();
        assertThat(interruption.forced()).isFalse();
        assertThat(Thread.currentThread().isInterrupted()).as("nothing left to cut what follows").isFalse();
        assertThat(interruption.hasListeners()).as("the phase no longer listens").isFalse();
    }

    @Test
    void every_hosts_command_is_cut_and_has_cleaned_up_before_the_phase_returns() throws Exception {
        CountDownLatch allRunning = new CountDownLatch(3);
        List<AtomicBoolean> killed = List.of(new AtomicBoolean(), new AtomicBoolean(), new AtomicBoolean());
        requestWhen(allRunning);

        List<HostOutcome<String>> outcomes = interruption.cutting(() -> Fanout.run(List.of(0, 1, 2), i -> "node0" + (i + 1), i -> {
            allRunning.countDown();
            try {
                Thread.sleep(TimeUnit.MINUTES.toMillis(10));
                return "surveyed";
            } catch (InterruptedException e) {
                // As the SSH connector does: the command's processes are killed on the host (which takes a moment).
                Thread.sleep(300);
                killed.get(i).set(true);
                throw e;
            }
        }));

        assertThat(outcomes).noneMatch(HostOutcome::ok);
        assertThat(killed).as("every host's command killed before the phase returned").allMatch(AtomicBoolean::get);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void without_a_request_the_work_runs_to_its_end() {
        assertThat(interruption.cutting(() -> {
            assertThat(interruption.hasListeners()).as("a Ctrl-C now is the phase's, not the end of the process").isTrue();
            return "done";
        })).isEqualTo("done");
        assertThat(interruption.requested()).isFalse();
    }

    @Test
    void a_request_made_before_the_phase_cuts_it_at_once() {
        interruption.request("SIGTERM");

        String ended = interruption.cutting(() -> Thread.currentThread().isInterrupted() ? "cut" : "ran");

        assertThat(ended).isEqualTo("cut");
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    private void requestWhen(CountDownLatch ready) {
        Thread signal = new Thread(() -> {
            try {
                ready.await();
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
            interruption.request("SIGINT");
        });
        signal.setDaemon(true);
        signal.start();
    }
}
