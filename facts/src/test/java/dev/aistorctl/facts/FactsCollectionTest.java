package dev.aistorctl.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import dev.aistorctl.core.FanoutListener;
import dev.aistorctl.core.HostOutcome;
import dev.aistorctl.core.LocalConnector;
import dev.aistorctl.core.RemoteException;
import org.junit.jupiter.api.Test;

/** Gathering hosts and reading each host's bundle as soon as it is gathered (the gather script runs on this machine). */
class FactsCollectionTest {

    @Test
    void each_bundle_is_read_as_its_host_is_gathered_not_after_the_last_host() {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        List<HostOutcome<String>> read = FactsCollection.gatherAndRead(List.of("a", "b"), host -> {
            events.add("open " + host);
            return new LocalConnector(host);
        }, 1, Optional.empty(), FanoutListener.NONE, (host, bundle) -> {
            events.add("read " + host);
            return host + ":" + bundle.host();
        });

        // One host at a time: the first host's bundle was read before the second host was gathered, so it was not
        // kept until the end.
        assertThat(events).containsExactly("open a", "read a", "open b", "read b");
        assertThat(read).extracting(HostOutcome::host).containsExactly("a", "b");
        assertThat(read).extracting(HostOutcome::value).containsExactly("a:a", "b:b");
    }

    @Test
    void a_host_that_cannot_be_reached_is_failed_with_its_reason_and_not_read() {
        List<String> readHosts = Collections.synchronizedList(new ArrayList<>());
        List<HostOutcome<String>> read = FactsCollection.gatherAndRead(List.of("up", "down"), host -> {
            if (host.equals("down")) {
                throw new RemoteException(host, "connect to 192.0.2.1:22", "connection refused");
            }
            return new LocalConnector(host);
        }, 2, Optional.empty(), FanoutListener.NONE, (host, bundle) -> {
            readHosts.add(host);
            return host;
        });

        assertThat(readHosts).containsExactly("up");
        assertThat(read.get(0).ok()).isTrue();
        assertThat(read.get(1).ok()).isFalse();
        assertThat(read.get(1).error()).contains("connection refused");
    }

    @Test
    void a_read_that_throws_fails_the_call_rather_than_making_its_host_unreachable() {
        IllegalStateException broken = new IllegalStateException("a parser bug");
        assertThatThrownBy(() -> FactsCollection.gatherAndRead(List.of("a"), LocalConnector::new, 1, Optional.empty(),
                FanoutListener.NONE, (host, bundle) -> {
                    throw broken;
                })).isSameAs(broken);
    }
}
