package dev.aistorctl.storagenode.minio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * MinIO's {x...y} notation as the server parses it: github.com/minio/pkg, ellipses/ellipses.go
 * (parseEllipsesRange: decimal ends; zero padding to the upper end's width when the lower end has a
 * leading zero and more than one digit, or the upper end has one).
 */
class EllipsesTest {
    @Test
    void expandsPaddedAndPlainRangesAsTheServerDoes() {
        assertThat(Ellipses.expand("node{01...03}.x")).contains(List.of("node01.x", "node02.x", "node03.x"));
        assertThat(Ellipses.expand("/mnt/drive{1...3}")).contains(List.of("/mnt/drive1", "/mnt/drive2", "/mnt/drive3"));
        assertThat(Ellipses.expand("n{8...10}")).contains(List.of("n8", "n9", "n10"));
        assertThat(Ellipses.expand("n{08...10}")).contains(List.of("n08", "n09", "n10"));
        assertThat(Ellipses.expand("n{0...2}")).contains(List.of("n0", "n1", "n2"));
    }

    @Test
    void refusesWhatTheServerRefuses() {
        assertThat(Ellipses.expand("node{a...d}")).isEmpty();
        assertThat(Ellipses.expand("node{3...1}")).isEmpty();
        assertThat(Ellipses.expand("node{1..3}")).isEmpty();
    }

    @Test
    void writesASequenceAsOneRangeOverTheWholeNumber() {
        assertThat(Ellipses.compress(List.of("node01.dc1", "node02.dc1", "node03.dc1"))).contains("node{01...03}.dc1");
        assertThat(Ellipses.compress(List.of("node9", "node10", "node11"))).contains("node{9...11}");
        assertThat(Ellipses.compress(List.of("192.0.2.11", "192.0.2.12"))).contains("192.0.2.{11...12}");
        assertThat(Ellipses.compress(List.of("/mnt/disk1/minio", "/mnt/disk2/minio"))).contains("/mnt/disk{1...2}/minio");
        assertThat(Ellipses.compress(List.of("solo.example.net"))).contains("solo.example.net");
    }

    @Test
    void findsNoRangeForNamesThatAreNotOneSequence() {
        assertThat(Ellipses.compress(List.of("rack1-a", "rack3-c"))).isEmpty();
        assertThat(Ellipses.compress(List.of("node1", "node3"))).isEmpty();
        assertThat(Ellipses.compress(List.of("node2", "node1"))).isEmpty();
        assertThat(Ellipses.compress(List.of("nodea", "nodeb"))).isEmpty();
        // Mixed widths: no single MinIO range gives both 9 and 010.
        assertThat(Ellipses.compress(List.of("n9", "n010"))).isEmpty();
        assertThat(Ellipses.compress(List.of("/data/a", "/data/b"))).isEmpty();
    }
}
