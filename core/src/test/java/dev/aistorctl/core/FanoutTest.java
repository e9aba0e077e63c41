package dev.aistorctl.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FanoutTest {

    @Test
    void a_failing_host_is_isolated_and_order_is_kept() {
        List<String> hosts = List.of("node1", "node2", "node3", "node4");
        List<HostOutcome<String>> outcomes = Fanout.run(hosts, Function.identity(), h -> {
            if (h.equals("node2")) {
                throw new RemoteException(h, "connect", "connection refused");
            }
            if (h.equals("node3")) {
                throw new IllegalStateException("parser bug");
            }
            Thread.sleep(h.equals("node1") ? 200 : 0); // node1 finishes last, still comes first
            return "ok-" + h;
        });
        assertThat(outcomes).extracting(HostOutcome::host).containsExactly("node1", "node2", "node3", "node4");
        assertThat(outcomes).extracting(HostOutcome::ok).containsExactly(true, false, false, true);
        assertThat(outcomes.get(0).value()).isEqualTo("ok-node1");
        assertThat(outcomes.get(1).error()).isEqualTo("node2: connect: connection refused");
        assertThat(outcomes.get(2).error()).isEqualTo("node3: IllegalStateException: parser bug");
        assertThat(outcomes.get(2).cause()).isInstanceOf(IllegalStateException.class);
        assertThat(outcomes.get(3).valueIfOk()).contains("ok-node4");
    }

    @Test
    void parallelism_bound_is_respected() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        List<Integer> hosts = IntStream.range(0, 24).boxed().toList();
        List<HostOutcome<Integer>> outcomes = Fanout.run(hosts, i -> "h" + i, 3, i -> {
            int now = running.incrementAndGet();
            peak.accumulateAndGet(now, Math::max);
            Thread.sleep(30);
            running.decrementAndGet();
            return i * i;
        }, FanoutListener.NONE);
        assertThat(peak.get()).isEqualTo(3);
        assertThat(outcomes).extracting(HostOutcome::value).containsExactlyElementsOf(
                hosts.stream().map(i -> i * i).toList());
    }

    @Test
    void hosts_do_run_in_parallel_up_to_the_bound() throws Exception {
        java.util.concurrent.CyclicBarrier all = new java.util.concurrent.CyclicBarrier(5);
        // Would dead-lock (and time out) unless the five tasks run at the same time.
        List<HostOutcome<Integer>> outcomes = Fanout.run(List.of(1, 2, 3, 4, 5), i -> "h" + i, 5,
                i -> all.await(10, java.util.concurrent.TimeUnit.SECONDS), FanoutListener.NONE);
        assertThat(outcomes).allMatch(HostOutcome::ok);
    }

    @Test
    void progress_reports_start_and_finish_per_host() {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        FanoutListener listener = new FanoutListener() {
            @Override
            public void started(String host) {
                events.add("start " + host);
            }

            @Override
            public void finished(HostOutcome<?> outcome) {
                events.add((outcome.ok() ? "ok " : "failed ") + outcome.host());
            }
        };
        Fanout.run(List.of("a", "b"), Function.identity(), 1, h -> {
            if (h.equals("b")) {
                throw new RuntimeException("boom");
            }
            return h;
        }, listener);
        assertThat(events).containsExactly("start a", "ok a", "start b", "failed b");
    }

    @Test
    void a_throwing_listener_does_not_change_outcomes() {
        FanoutListener broken = new FanoutListener() {
            @Override
            public void started(String host) {
                throw new IllegalStateException("terminal gone");
            }
        };
        List<HostOutcome<String>> outcomes = Fanout.run(List.of("a"), Function.identity(), 1, h -> h, broken);
        assertThat(outcomes.get(0).ok()).isTrue();
    }

    @Test
    void errors_are_isolated_too() {
        List<HostOutcome<Object>> outcomes = Fanout.run(List.of("a", "b"), Function.identity(), h -> {
            if (h.equals("a")) {
                throw new AssertionError("bug");
            }
            return h;
        });
        assertThat(outcomes).extracting(HostOutcome::ok).containsExactly(false, true);
    }

    @Test
    void default_parallelism_is_hosts_capped_at_256() {
        assertThat(Fanout.defaultParallel(3)).isEqualTo(3);
        assertThat(Fanout.defaultParallel(1000)).isEqualTo(256);
        assertThat(Fanout.defaultParallel(0)).isEqualTo(1);
        assertThat(Fanout.run(List.<String>of(), Function.identity(), h -> h)).isEmpty();
        assertThatThrownBy(() -> Fanout.run(List.of("a"), Function.identity(), 0, h -> h, FanoutListener.NONE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
