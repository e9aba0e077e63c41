package dev.aistorctl.playbooks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aistorctl.core.AistorException;
import dev.aistorctl.playbooks.journal.RunJson;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance section of the as-built document, from a fixture accept.json of the same three-host lab (fixture
 * accept-lab, judged by accept's own gates with the lab profile): drive 2 of node 2 is slow (both its gates fail, write
 * and read), node 3 receives slowly (its network's receive fails against the peers), node 3's S3 GET failed. Exactly
 * those bars, cells and rows are marked, with a text mark as well as the colour.
 */
class AcceptSectionTest {
    static final List<String> HOSTS = List.of("rpfix-node1", "rpfix-node2", "rpfix-node3");

    @TempDir
    Path temp;

    static Path acceptFixture() {
        try {
            return Path.of(AcceptSectionTest.class.getResource("/report/accept-lab/accept.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode accept() throws IOException {
        return RunJson.MAPPER.readTree(Files.readString(acceptFixture().resolve("accept.json")));
    }

    @Test
    void everyDriveOfEveryHostHasAWriteAndAReadBarAndOnlyTheSlowDriveIsMarked() throws IOException {
        Map<String, Object> bars = DriveBars.of(accept());
        List<Map<String, Object>> rows = list(bars.get("rows"));
        assertThat(rows).extracting(r -> r.get("host") + " " + r.get("item")).containsExactly(
                "rpfix-node1 /mnt/drive1", "rpfix-node1 /mnt/drive2", "rpfix-node2 /mnt/drive1", "rpfix-node2 /mnt/drive2",
                "rpfix-node3 /mnt/drive1", "rpfix-node3 /mnt/drive2");
        for (Map<String, Object> row : rows) {
            boolean slow = row.get("host").equals("rpfix-node2") && row.get("item").equals("/mnt/drive2");
            List<Map<String, Object>> b = list(row.get("bars"));
            assertThat(b).extracting(x -> x.get("direction")).containsExactly("write", "read");
            assertThat(row.get("verdict")).as(row.get("label").toString()).isEqualTo(slow ? "FAIL" : "PASS");
            for (Map<String, Object> bar : b) {
                assertThat(bar.get("verdict")).isEqualTo(slow ? "FAIL" : "PASS");
                assertThat(bar.get("css")).isEqualTo(slow ? "sev-fail" : "sev-pass");
                assertThat(bar.get("mark")).isEqualTo(slow ? "✗ FAIL" : null);
                // Both references the gates used are drawn: the lab profile's spec and the median of the six drives.
                assertThat(bar.get("spec_x")).isNotNull();
                assertThat(bar.get("median_x")).isNotNull();
            }
            if (slow) {
                assertThat(b.get(0).get("title").toString()).contains("write 5 MB/s").contains("spec 10 MB/s (floor 8 MB/s): FAIL")
                        .contains("median of 6 (no model) drives 180 MB/s").contains("likely cause: ").contains("cgroup blkio");
            }
        }
    }

    @Test
    void aBarIsAsLongAsItsFigureAndTheMedianLineSitsWhereTheMedianIs() throws IOException {
        List<Map<String, Object>> rows = list(DriveBars.of(accept()).get("rows"));
        Map<String, Object> slowWrite = list(rows.get(3).get("bars")).get(0);
        Map<String, Object> fastWrite = list(rows.get(1).get("bars")).get(0); // node1 drive2: 201.7, the longest write
        double x = num(fastWrite.get("x"));
        double plot = ThroughputBars.PANEL - ThroughputBars.VALUE_ROOM;
        assertThat(num(fastWrite.get("w"))).isCloseTo(plot, org.assertj.core.data.Offset.offset(0.2));
        assertThat(num(slowWrite.get("w"))).isCloseTo(plot * 5.2 / 201.7, org.assertj.core.data.Offset.offset(0.2));
        // The write median of the six drives is 179.65 (shown as 180): between the two middle figures.
        assertThat(num(slowWrite.get("median_x")) - x).isCloseTo(plot * 180 / 201.7, org.assertj.core.data.Offset.offset(0.2));
    }

    @Test
    void theHeatMapHasACellPerPairAndMarksTheColumnOfTheHostThatReceivesSlowly() throws IOException {
        Map<String, Object> map = NetworkHeatMap.of(accept());
        List<Map<String, Object>> cells = list(map.get("cells"));
        assertThat(cells).hasSize(9);
        for (Map<String, Object> c : cells) {
            String from = (String) c.get("from");
            String to = (String) c.get("to");
            if (from.equals(to)) {
                assertThat(c.get("css")).isEqualTo("heat-self");
                continue;
            }
            boolean slow = to.equals("rpfix-node3");
            assertThat(c.get("verdict")).as(from + " → " + to).isEqualTo(slow ? "FAIL" : "PASS");
            assertThat(c.get("css").toString().contains("pair-fail")).as(from + " → " + to).isEqualTo(slow);
            assertThat(c.get("text").toString().startsWith("✗ ")).isEqualTo(slow);
        }
        assertThat(list(map.get("columns"))).extracting(c -> c.get("host") + ":" + c.get("mark"))
                .containsExactly("rpfix-node1:null", "rpfix-node2:null", "rpfix-node3:✗ FAIL receive");
        assertThat(list(map.get("rows"))).extracting(r -> r.get("mark")).containsOnlyNulls();
        // Shaded by share of the fastest pair: node3 → node1 (1540 Mb/s) is the darkest, a pair into node3 the lightest.
        assertThat(cell(cells, "rpfix-node3", "rpfix-node1").get("css")).isEqualTo("heat-5");
        assertThat(cell(cells, "rpfix-node1", "rpfix-node3").get("css")).isEqualTo("heat-1 pair-fail");
    }

    @Test
    void anUnmeasuredPairIsShownAsSuchNotAsSlow() throws IOException {
        ObjectNode a = (ObjectNode) accept();
        for (JsonNode p : a.path("network").path("pairs")) {
            if (p.path("round").asText().equals("mesh") && p.path("from").asText().equals("rpfix-node1") && p.path("to").asText().equals("rpfix-node2")) {
                ((ObjectNode) p).put("problem", "connection refused").put("mbits", 0);
            }
        }
        Map<String, Object> c = cell(list(NetworkHeatMap.of(a).get("cells")), "rpfix-node1", "rpfix-node2");
        assertThat(c.get("css")).isEqualTo("heat-missing");
        assertThat(c.get("text")).isEqualTo("?");
        assertThat(c.get("title").toString()).contains("not measured: connection refused");
    }

    @Test
    void s3ShowsEveryNodeAndMarksTheOneWhoseGetFailed() throws IOException {
        Map<String, Object> s3 = S3Nodes.of(accept());
        List<Map<String, Object>> nodes = list(s3.get("nodes"));
        assertThat(nodes).extracting(n -> n.get("host") + ":" + n.get("verdict") + ":" + n.get("mark"))
                .containsExactly("rpfix-node1:PASS:null", "rpfix-node2:PASS:null", "rpfix-node3:FAIL:✗ FAIL");
        assertThat(nodes.get(2).get("get")).isEqualTo("41 MB/s");
        assertThat(nodes.get(2).get("get_latency")).isEqualTo("p50 390.5 ms · p99 812.0 ms");
        List<Map<String, Object>> rows = list(((Map<?, ?>) s3.get("chart")).get("rows"));
        assertThat(rows).hasSize(3);
        List<Map<String, Object>> node3 = list(rows.get(2).get("bars"));
        assertThat(node3).extracting(b -> b.get("direction") + ":" + b.get("verdict")).containsExactly("PUT:PASS", "GET:FAIL");
        assertThat(node3.get(1).get("mark")).isEqualTo("✗ FAIL");
        assertThat(((Map<?, ?>) s3.get("aggregate")).get("put")).isEqualTo("914 MB/s");
    }

    @Test
    void withoutS3OrNetworkTheirPartsAreLeftOutAndTheRestStillShows() throws IOException {
        ObjectNode a = (ObjectNode) accept();
        a.remove("s3");
        a.putNull("network");
        Map<String, Object> section = AcceptSection.of(a);
        assertThat(section.get("s3")).isNull();
        assertThat(section.get("network_map")).isNull();
        assertThat(section.get("drive_bars")).isNotNull();
        assertThat(section.get("verdict")).isEqualTo("FAIL");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anS3PartThatSkippedEveryHostDrawsNoS3ButSaysWhyForEveryHost() throws IOException {
        ObjectNode a = (ObjectNode) accept();
        ObjectNode s3 = a.putObject("s3");
        s3.putNull("bucket");
        s3.putArray("nodes");
        for (String host : HOSTS) {
            String why = "no storage node installed (no /etc/systemd/system/minio.service)";
            s3.with("skipped").put(host, why);
            ObjectNode skip = ((com.fasterxml.jackson.databind.node.ArrayNode) a.get("findings").get(host)).addObject();
            skip.put("rule", "accept.s3_node").put("severity", "SKIP").put("expected", "a storage node running on the host")
                    .put("actual", "not installed").put("message", host + ": S3 not measured: " + why).putNull("hint").putNull("device");
        }

        Map<String, Object> section = AcceptSection.of(a);

        assertThat(section.get("s3")).isNull();
        assertThat(section.get("drive_bars")).isNotNull();
        assertThat((List<Object>) section.get("s3_skipped")).containsExactly(
                "rpfix-node1: no storage node installed (no /etc/systemd/system/minio.service)",
                "rpfix-node2: no storage node installed (no /etc/systemd/system/minio.service)",
                "rpfix-node3: no storage node installed (no /etc/systemd/system/minio.service)");
        assertThat(section.get("problems")).as("a skip is not a problem").isEqualTo(AcceptSection.of(accept()).get("problems"));
        assertThat(AcceptSection.of(accept()).get("s3_skipped")).isNull();
    }

    @Test
    void theSectionCountsTheFindingsAndListsEveryOneThatDidNotPassWithItsCause() throws IOException {
        Map<String, Object> section = AcceptSection.of(accept());
        assertThat(section.get("verdict")).isEqualTo("FAIL");
        assertThat(section.get("failed")).isEqualTo(6L);
        List<Map<String, Object>> notPassed = list(section.get("not_passed"));
        assertThat(notPassed).extracting(f -> f.get("host") + " " + f.get("rule")).containsExactlyInAnyOrder(
                "rpfix-node2 accept.drive_spec", "rpfix-node2 accept.drive_spec", "rpfix-node2 accept.drive_peers",
                "rpfix-node2 accept.drive_peers", "rpfix-node3 accept.network_peers", "rpfix-node3 accept.s3_peers");
        assertThat(notPassed).allSatisfy(f -> assertThat(f.get("hint")).isNotEqualTo(Model.UNKNOWN));
    }

    @Test
    void theDocumentDrawsTheBarsTheHeatMapAndTheS3RowsWithTheFailingOnesMarkedInText() throws IOException {
        Path dir = runWithAccept();
        String html = AsBuiltReportTest.render(ProvisionRun.load(dir));
        assertThat(html).contains("<svg id=\"drive-bars\"").contains("<svg id=\"network-heatmap\"").contains("<svg id=\"s3-bars\"")
                .contains("<table id=\"s3-nodes\"").contains("<table id=\"accept-findings\"").doesNotContain("no acceptance results");
        for (String host : HOSTS) {
            for (String mount : List.of("/mnt/drive1", "/mnt/drive2")) {
                boolean slow = host.equals("rpfix-node2") && mount.equals("/mnt/drive2");
                assertThat(html).as(host + " " + mount).contains("<g class=\"bar-row drive\" data-host=\"" + host + "\" data-item=\"" + mount
                        + "\" data-verdict=\"" + (slow ? "FAIL" : "PASS") + "\">");
            }
            for (String to : HOSTS) {
                String verdict = host.equals(to) ? "NONE" : to.equals("rpfix-node3") ? "FAIL" : "PASS";
                assertThat(html).contains("<g class=\"pair\" data-from=\"" + host + "\" data-to=\"" + to + "\" data-verdict=\"" + verdict + "\">");
            }
            assertThat(html).contains("<tr class=\"s3-node\" data-host=\"" + host + "\" data-verdict=\"" + (host.equals("rpfix-node3") ? "FAIL" : "PASS") + "\">");
        }
        // The text marks, not only the colour: the two drive bars and the S3 GET bar, the slow receiver's column and its two
        // pairs, the S3 node's row.
        assertThat(count(html, "<text class=\"fail-mark\"")).isEqualTo(2 + 1);
        assertThat(count(html, "✗ FAIL receive")).isEqualTo(1);
        assertThat(count(html, ">✗ 20<") + count(html, ">✗ 19<")).isEqualTo(2);
        assertThat(count(html, "<span class=\"mark-fail\">✗ FAIL</span>")).isEqualTo(1);
    }

    @Test
    void aRunWithoutAcceptResultsSaysSo() {
        String html = AsBuiltReportTest.render(ProvisionRun.load(AsBuiltReportTest.fixture()));
        assertThat(html).contains("id=\"no-accept\"").contains("no acceptance results").doesNotContain("id=\"drive-bars\"");
    }

    @Test
    void acceptResultsOfAnotherRunCanBeNamedAndOneWithoutThemIsRefused() throws IOException {
        ProvisionRun run = ProvisionRun.load(AsBuiltReportTest.fixture());
        assertThat(run.accept()).isNull();
        assertThat(run.withAcceptFrom(acceptFixture()).accept().path("profile").asText()).isEqualTo("lab");
        assertThatThrownBy(() -> run.withAcceptFrom(temp)).isInstanceOf(AistorException.class).hasMessageContaining("has no accept.json");
    }

    @Test
    void aTornAcceptJsonIsAnErrorNamingTheFileNotASilentlyEmptySection() throws IOException {
        Path dir = runWithAccept();
        Files.writeString(dir.resolve("accept.json"), "{\"drives\": [");
        assertThatThrownBy(() -> ProvisionRun.load(dir)).isInstanceOf(AistorException.class)
                .hasMessageContaining(dir.resolve("accept.json").toString());
    }

    @Test
    void theBarsAndTheHeatMapReadTheGatesFiguresNotTheirText() throws IOException {
        ObjectNode garbled = (ObjectNode) accept();
        garbled.get("findings").forEach(host -> host.forEach(f -> ((ObjectNode) f).put("expected", "≥ 1 MB/s read (1 % of spec 2 MB/s)")));
        assertThat(DriveBars.of(garbled)).isEqualTo(DriveBars.of(accept()));
        assertThat(NetworkHeatMap.of(garbled)).isEqualTo(NetworkHeatMap.of(accept()));

        // node2's slow drive: the spec line at the lab profile's figure and the median line at the peers' median.
        ThroughputBars.Bar write = AcceptFindings.bar("write", 4.9, AcceptFindings.about(accept(), "rpfix-node2", "accept.drive_",
                "/mnt/drive2"), "drive", "MB/s");
        assertThat(write.spec()).isEqualTo(10.0);
        assertThat(write.median()).isPositive();
        assertThat(write.severity()).isEqualTo("FAIL");

        ObjectNode bare = (ObjectNode) accept();
        bare.get("findings").forEach(host -> host.forEach(f -> ((ObjectNode) f).remove("measurement")));
        ThroughputBars.Bar unjudged = AcceptFindings.bar("write", 4.9, AcceptFindings.about(bare, "rpfix-node2", "accept.drive_",
                "/mnt/drive2"), "drive", "MB/s");
        assertThat(unjudged.spec()).as("no figures, no line").isNull();
        assertThat(unjudged.median()).isNull();
    }

    private Path runWithAccept() throws IOException {
        Path dir = temp.resolve("20261125T163955Z-a5b1");
        AsBuiltReportTest.copy(AsBuiltReportTest.fixture(), dir);
        Files.copy(acceptFixture().resolve("accept.json"), dir.resolve("accept.json"));
        return dir;
    }

    private static Map<String, Object> cell(List<Map<String, Object>> cells, String from, String to) {
        return cells.stream().filter(c -> c.get("from").equals(from) && c.get("to").equals(to)).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }

    private static double num(Object o) {
        return Double.parseDouble(o.toString());
    }

    private static int count(String haystack, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(haystack);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
