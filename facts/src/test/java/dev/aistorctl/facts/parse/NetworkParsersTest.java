package dev.aistorctl.facts.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aistorctl.facts.Fixtures;
import org.junit.jupiter.api.Test;

/** iperf3's client JSON and accept's python3 receiver line, over outputs captured from the real tools (fixtures/emulated/accept). */
class NetworkParsersTest {

    @Test
    void iperf3CountsWhatTheReceiverGotOverAllStreams() {
        TransferResult r = Iperf3JsonParser.parse(Fixtures.read("emulated/accept/iperf3-client.json"));
        assertThat(r.measured()).isTrue();
        // end.sum_received, not end.sum_sent (1323827200 bytes in 2.009412 s, what left the sender's buffers).
        assertThat(r.bytes()).isEqualTo(1322516480L);
        assertThat(r.seconds()).isEqualTo(2.01855);
        assertThat(r.bytes() * 8 / r.seconds() / 1e6).isCloseTo(5241.45, within(0.01));
    }

    @Test
    void iperf3ThatCouldNotConnectIsNoMeasurementAndSaysWhy() {
        TransferResult r = Iperf3JsonParser.parse(Fixtures.read("emulated/accept/iperf3-refused.json"));
        assertThat(r.measured()).isFalse();
        assertThat(r.problem()).isEqualTo("iperf3: unable to connect to server: Connection refused");
        assertThat(Iperf3JsonParser.parse("iperf3: command not found\n").problem()).isEqualTo("iperf3 printed no JSON: iperf3: command not found");
        assertThat(Iperf3JsonParser.parse("{\"end\": ").problem()).startsWith("iperf3's JSON could not be read");
    }

    @Test
    void streamReceiverGivesBytesAndSecondsFromFirstConnectionToLastEnd() {
        TransferResult r = StreamSummaryParser.parse(Fixtures.read("emulated/accept/stream-received.txt"));
        assertThat(r.measured()).isTrue();
        assertThat(r.bytes()).isEqualTo(1307049984L);
        assertThat(r.seconds()).isEqualTo(2.003);
    }

    @Test
    void streamReceiverErrorsAndTheSendersLineAreNoMeasurement() {
        assertThat(StreamSummaryParser.parse(Fixtures.read("emulated/accept/stream-port-in-use.txt")).problem())
                .startsWith("the receiver printed no summary: error: listen on port 25221: [Errno 98] Address already in use");
        assertThat(StreamSummaryParser.parse(Fixtures.read("emulated/accept/stream-no-sender.txt")).problem())
                .isEqualTo("the receiver printed no summary: error: no sender connected to port 25231");
        // What the sender wrote is not what arrived: its line is never taken for a measurement.
        assertThat(StreamSummaryParser.parse(Fixtures.read("emulated/accept/stream-sent.txt")).measured()).isFalse();
        assertThat(StreamSummaryParser.parse("received 0 bytes in 0.000 s over 1 streams\n").problem()).isEqualTo("the receiver counted nothing");
    }
}
