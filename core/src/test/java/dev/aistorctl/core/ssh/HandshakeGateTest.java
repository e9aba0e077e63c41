package dev.aistorctl.core.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.core.UsageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The bound on handshakes in flight, its size, and when a timed-out handshake gets a second turn. */
class HandshakeGateTest {

    @Test
    void default_size_is_four_per_core_and_at_least_eight() {
        assertThat(HandshakeGate.configuredSize(null, Map.of(), 1)).isEqualTo(8);
        assertThat(HandshakeGate.configuredSize(null, Map.of(), 2)).isEqualTo(8);
        assertThat(HandshakeGate.configuredSize(null, Map.of(), 16)).isEqualTo(64);
    }

    @Test
    void the_property_wins_over_the_environment_which_wins_over_the_default() {
        Map<String, String> env = Map.of(HandshakeGate.ENV, "3");
        assertThat(HandshakeGate.configuredSize(null, env, 2)).isEqualTo(3);
        assertThat(HandshakeGate.configuredSize(" 40 ", env, 2)).isEqualTo(40);
    }

    @Test
    void a_size_that_is_not_a_positive_whole_number_is_refused_naming_where_it_came_from() {
        assertThatThrownBy(() -> HandshakeGate.configuredSize(null, Map.of(HandshakeGate.ENV, "many"), 2))
                .isInstanceOf(UsageException.class)
                .hasMessage("AISTORCTL_SSH_HANDSHAKES=many: the number of SSH handshakes at once must be a whole number of at least 1");
        assertThatThrownBy(() -> HandshakeGate.configuredSize("0", Map.of(), 2))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("system property aistorctl.ssh.handshakes=0: ");
    }

    @Test
    void only_a_first_timeout_while_the_gate_is_saturated_is_retried() {
        assertThat(HandshakeGate.retry(1, true)).isTrue();
        assertThat(HandshakeGate.retry(2, true)).as("at most two turns: a dead host is still reported").isFalse();
        assertThat(HandshakeGate.retry(1, false)).as("nobody waited: the host itself was slow").isFalse();
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void a_host_that_waited_while_a_handshake_ran_counts_even_when_it_had_its_turn_before_that_handshake_ended()
            throws Exception {
        HandshakeGate gate = new HandshakeGate(2);
        gate.enter();
        HandshakeGate.Mark start = gate.mark();
        assertThat(gate.saturatedSince(start)).as("nobody waited yet").isFalse();
        gate.enter();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> late = queueOneHost(gate, pool);
            gate.leave();
            late.get();
        } finally {
            pool.shutdownNow();
        }
        assertThat(gate.saturated()).as("nobody waits any more").isFalse();
        assertThat(gate.saturatedSince(start)).as("but a host waited while the first handshake ran").isTrue();
        assertThat(gate.saturatedSince(gate.mark())).isFalse();
        gate.leave();
        assertThat(gate.free()).isEqualTo(2);
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void saturated_while_a_host_waits_for_a_turn_not_merely_when_every_place_is_taken() throws Exception {
        HandshakeGate gate = new HandshakeGate(1);
        gate.enter();
        assertThat(gate.saturated()).isFalse();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> next = queueOneHost(gate, pool);
            assertThat(gate.saturated()).isTrue();
            gate.leave();
            next.get();
        } finally {
            pool.shutdownNow();
        }
        assertThat(gate.saturated()).isFalse();
        assertThat(gate.free()).isEqualTo(1);
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void never_more_than_its_size_inside() throws Exception {
        HandshakeGate gate = new HandshakeGate(3);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(40);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                done.add(pool.submit(() -> {
                    for (int round = 0; round < 50; round++) {
                        gate.enter();
                        try {
                            most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                            Thread.yield();
                            inside.decrementAndGet();
                        } finally {
                            gate.leave();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(most.get()).isBetween(1, 3);
        assertThat(gate.free()).isEqualTo(3);
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void hosts_get_their_turn_in_arrival_order() throws Exception {
        HandshakeGate gate = new HandshakeGate(1);
        int hosts = 20;
        List<Integer> order = new CopyOnWriteArrayList<>();
        gate.enter();
        ExecutorService pool = Executors.newFixedThreadPool(hosts);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < hosts; i++) {
                int host = i;
                done.add(pool.submit(() -> {
                    gate.enter();
                    order.add(host);
                    gate.leave();
                    return null;
                }));
                // Wait until this host is queued before the next one arrives, so arrival order is known.
                while (gate.waiting() < i + 1) {
                    Thread.onSpinWait();
                }
            }
            assertThat(gate.saturated()).isTrue();
            gate.leave();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(order).isSorted().hasSize(hosts);
    }

    /** A host that waits for its turn at the full gate, takes it and leaves; returns once it waits. */
    private static Future<?> queueOneHost(HandshakeGate gate, ExecutorService pool) {
        Future<?> host = pool.submit(() -> {
            gate.enter();
            gate.leave();
            return null;
        });
        while (gate.waiting() < 1) {
            Thread.onSpinWait();
        }
        return host;
    }
}
