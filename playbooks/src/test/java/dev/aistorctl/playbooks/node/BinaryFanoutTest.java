package dev.aistorctl.playbooks.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Who gets the binary from whom: seats in the run's order, fetchers spread over the seeds and waiting for theirs,
 * and the controller's upload whenever a peer cannot serve. Hosts are names; a waiting host is its own thread.
 */
class BinaryFanoutTest {
    private static final List<String> HOSTS = List.of("n1", "n2", "n3", "n4", "n5");
    private static final Duration LONG = Duration.ofMinutes(5);

    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final BinaryFanout fanout = new BinaryFanout(HOSTS, running::contains, 2, LONG);

    BinaryFanoutTest() {
        running.addAll(HOSTS);
    }

    private static BinaryFanout.Upload seat() {
        return new BinaryFanout.Upload(true, null);
    }

    /** {@code host} asks in a thread of its own; returns once it is seen waiting (or has its answer). */
    private Future<BinaryFanout.Source> asks(String host) {
        CompletableFuture<BinaryFanout.Source> answer = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                answer.complete(fanout.source(host));
            } catch (Throwable e) {
                answer.completeExceptionally(e);
            }
        });
        t.setDaemon(true);
        t.start();
        while (!fanout.waiting(host) && !answer.isDone()) {
            Thread.onSpinWait();
        }
        return answer;
    }

    private static BinaryFanout.Source answer(Future<BinaryFanout.Source> f)
            throws InterruptedException, ExecutionException, TimeoutException {
        return f.get(1, TimeUnit.MINUTES);
    }

    /** n1 and n2 took the seats and serve at u1 and u2. */
    private void twoSeedsServing() throws InterruptedException {
        fanout.source("n1");
        fanout.source("n2");
        fanout.serving("n1", "u1");
        fanout.serving("n2", "u2");
    }

    @Test
    void the_first_two_hosts_are_seeds_and_the_others_fetch_from_them_in_turn() throws Exception {
        assertThat(fanout.source("n1")).isEqualTo(seat());
        assertThat(fanout.source("n2")).isEqualTo(seat());
        Future<BinaryFanout.Source> n3 = asks("n3");
        Future<BinaryFanout.Source> n4 = asks("n4");
        assertThat(n3).isNotDone();
        assertThat(n4).isNotDone();

        fanout.serving("n1", "http://10.0.0.1:4000/a");
        assertThat(answer(n3)).isEqualTo(new BinaryFanout.Peer("n1", "http://10.0.0.1:4000/a"));
        assertThat(n4).as("n4 waits for its own seed, n2, which is still being uploaded to").isNotDone();

        fanout.serving("n2", "http://10.0.0.2:4000/b");
        assertThat(answer(n4)).isEqualTo(new BinaryFanout.Peer("n2", "http://10.0.0.2:4000/b"));
        assertThat(fanout.source("n5")).isEqualTo(new BinaryFanout.Peer("n1", "http://10.0.0.1:4000/a"));
    }

    @Test
    void a_host_that_arrives_first_waits_while_a_host_before_it_may_still_take_a_seat() throws Exception {
        Future<BinaryFanout.Source> n3 = asks("n3");
        assertThat(n3).isNotDone();
        assertThat(fanout.source("n1")).isEqualTo(seat());
        assertThat(n3).isNotDone();
        assertThat(fanout.source("n2")).isEqualTo(seat());
        fanout.serving("n1", "u1");
        assertThat(answer(n3)).isEqualTo(new BinaryFanout.Peer("n1", "u1"));
    }

    @Test
    void hosts_that_need_nothing_or_have_finished_leave_their_seats_to_the_next() throws Exception {
        fanout.notNeeded("n1");
        fanout.hostFinished("n2");
        assertThat(fanout.source("n3")).isEqualTo(seat());
        assertThat(fanout.source("n4")).isEqualTo(seat());
    }

    @Test
    void a_seed_that_fails_before_it_serves_hands_its_seat_to_a_waiting_host() throws Exception {
        fanout.source("n1");
        fanout.source("n2");
        Future<BinaryFanout.Source> n3 = asks("n3");
        fanout.notServing("n1");
        assertThat(answer(n3)).as("n3's seed failed; one seat is free and no host before n3 may take it").isEqualTo(seat());
    }

    @Test
    void a_peer_serving_a_wrong_file_is_refused_no_longer_offered_and_the_host_gets_the_controllers_upload() throws Exception {
        twoSeedsServing();
        assertThat(fanout.source("n3")).isEqualTo(new BinaryFanout.Peer("n1", "u1"));
        assertThat(fanout.source("n4")).isEqualTo(new BinaryFanout.Peer("n2", "u2"));

        BinaryFanout.Upload instead = fanout.refused("n4", "n2");
        assertThat(instead.seed()).as("n2's seat is free again: n4 takes it once it has the controller's upload").isTrue();
        assertThat(instead.why()).contains("n2");
        fanout.serving("n4", "u4");
        assertThat(fanout.source("n5")).as("seeds are now n1 and n4; n2 is never offered again")
                .isEqualTo(new BinaryFanout.Peer("n1", "u1"));
    }

    @Test
    void a_seat_freed_by_a_refusal_goes_to_the_first_host_that_may_take_it_not_to_the_refusing_host_behind_it() throws Exception {
        twoSeedsServing();
        // n4 reaches its fetch before n3 has asked (its earlier steps were slower): n3 may still take a seat.
        assertThat(fanout.source("n4")).isEqualTo(new BinaryFanout.Peer("n2", "u2"));
        BinaryFanout.Upload instead = fanout.refused("n4", "n2");
        assertThat(instead.seed()).as("n3, before n4 in the run's order, may still take n2's seat").isFalse();

        assertThat(fanout.source("n3")).as("n3 takes the freed seat").isEqualTo(seat());
        assertThat(fanout.source("n5")).as("n5 still fetches from the good seed, n1")
                .isEqualTo(new BinaryFanout.Peer("n1", "u1"));
    }

    @Test
    void a_peer_whose_host_ends_mid_fetch_is_refused_and_its_seat_goes_to_the_fetcher() throws Exception {
        twoSeedsServing();
        assertThat(fanout.source("n3")).isEqualTo(new BinaryFanout.Peer("n1", "u1"));
        fanout.hostFinished("n1");
        BinaryFanout.Upload instead = fanout.refused("n3", "n1");
        assertThat(instead.seed()).as("n1's host ended, so its seat is free").isTrue();
        fanout.serving("n3", "u3");
        assertThat(fanout.source("n5")).isEqualTo(new BinaryFanout.Peer("n2", "u2"));
    }

    @Test
    void after_two_seeds_are_lost_every_host_still_to_come_gets_the_controllers_upload() throws Exception {
        fanout.source("n1");
        fanout.source("n2");
        fanout.notServing("n1");
        fanout.notServing("n2");
        BinaryFanout.Source n3 = fanout.source("n3");
        assertThat(n3).isInstanceOf(BinaryFanout.Upload.class);
        assertThat(((BinaryFanout.Upload) n3).seed()).isFalse();
        assertThat(((BinaryFanout.Upload) n3).why()).contains("2 seeds were lost");
    }

    @Test
    void a_host_whose_seed_never_serves_gets_the_controllers_upload_after_the_wait_limit() throws Exception {
        BinaryFanout impatient = new BinaryFanout(HOSTS, running::contains, 2, Duration.ZERO);
        impatient.source("n1");
        impatient.source("n2");
        BinaryFanout.Source n3 = impatient.source("n3");
        assertThat(n3).isEqualTo(new BinaryFanout.Upload(false, "no peer served a verified copy within 0 min"));
    }

    @Test
    void a_seed_keeps_serving_while_a_running_host_may_still_fetch_and_not_for_hosts_not_yet_started() throws Exception {
        running.remove("n5");
        twoSeedsServing();
        CompletableFuture<Void> n1Ends = CompletableFuture.runAsync(() -> {
            try {
                fanout.awaitNoFetchers("n1");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(fanout.source("n3")).isEqualTo(new BinaryFanout.Peer("n1", "u1"));
        assertThat(n1Ends).as("n3 fetches from n1, and n4 may still").isNotDone();
        fanout.installed("n3");
        assertThat(n1Ends).as("n4 is running and may still fetch").isNotDone();
        fanout.notNeeded("n4");
        n1Ends.get(1, TimeUnit.MINUTES);

        running.add("n5");
        assertThat(fanout.source("n5")).as("n1 stopped serving; n5, started later, takes its seat").isEqualTo(seat());
    }

    @Test
    void a_run_of_one_host_does_not_fan_out() {
        assertThat(new BinaryFanout(List.of("n1"), h -> true, 2, LONG).fansOut()).isFalse();
        assertThat(fanout.fansOut()).isTrue();
    }
}
