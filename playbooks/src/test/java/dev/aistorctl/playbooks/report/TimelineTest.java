package dev.aistorctl.playbooks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aistorctl.playbooks.journal.RunJson;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The timeline of a provision that records its stages (fixture provision-stages: two hosts; facts, hardware, plan
 * with a dry run, go-ahead, apply with drives, drive owners, node start, the pre-flight and the health wait inside it,
 * then the S3 proof, failed on lab-node2), and of an older provision.json without stages.
 */
class TimelineTest {
    static final List<String> HOSTS = List.of("lab-node1", "lab-node2");
    static final String PROVISION = "20261201T100000Z-0a00";

    @TempDir
    Path temp;

    static Path fixture() {
        try {
            return Path.of(TimelineTest.class.getResource("/report/provision-stages/" + PROVISION + "/provision.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> timeline(ProvisionRun run) {
        return Timeline.of(run.journal(), run.provision());
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> model, String key) {
        return (List<Map<String, Object>>) model.get(key);
    }

    static double num(Map<String, Object> m, String key) {
        return Double.parseDouble((String) m.get(key));
    }

    static List<String> bandLabels(Map<String, Object> model, String css, String y) {
        List<String> labels = new ArrayList<>();
        for (Map<String, Object> b : list(model, "phases")) {
            if (b.get("css").equals(css) && b.get("y").equals(y)) {
                String title = (String) b.get("title");
                labels.add(title.substring(0, title.lastIndexOf(": ")));
            }
        }
        return labels;
    }

    @Test
    void aBandPerStageAboveABandPerRunAndTheStagesInsideApplyAmongTheRuns() {
        Map<String, Object> model = timeline(ProvisionRun.load(fixture()));

        assertThat(model.get("with_stages")).isEqualTo(true);
        assertThat(bandLabels(model, "stage", "4.0")).containsExactly("facts", "hardware verdicts", "plan", "go-ahead", "apply", "S3 proof");
        assertThat(bandLabels(model, "phase", "38.0")).containsExactly("plan drives", "drives", "drive owners", "node-start");
        assertThat(bandLabels(model, "stage", "38.0")).containsExactly("pre-flight", "health wait");
        // The lanes begin below both rows of bands.
        assertThat(list(model, "lanes")).extracting(l -> l.get("host")).containsExactlyElementsOf(HOSTS);
        assertThat(list(model, "lanes").get(0).get("y")).isEqualTo("80.0");
    }

    @Test
    void everyHostHasABarInEveryStageThatWorksPerHostAndInEveryRun() {
        Map<String, Object> model = timeline(ProvisionRun.load(fixture()));
        List<Map<String, Object>> bars = list(model, "bars");
        for (String host : HOSTS) {
            for (String phase : List.of("facts", "plan drives", "drives", "drive owners", "node-start", "S3 proof")) {
                assertThat(bars).as(host + " in " + phase)
                        .filteredOn(b -> ((String) b.get("title")).startsWith(host + " · " + phase + " · ")).hasSize(1);
            }
        }
        assertThat(bars).hasSize(12);
        assertThat(title(bars, "lab-node1 · facts")).isEqualTo("lab-node1 · facts · gather facts · ok · 1.4 s");
        assertThat(bar(bars, "lab-node1 · S3 proof").get("css")).isEqualTo(Timeline.STAGE_BAR);
        assertThat(title(bars, "lab-node2 · S3 proof")).isEqualTo("lab-node2 · S3 proof · S3 round trip · failed · 1.8 s");
        assertThat(bar(bars, "lab-node2 · S3 proof").get("css")).isEqualTo("st-failed");
        assertThat(bar(bars, "lab-node2 · drive owners").get("css")).isEqualTo("st-changed");
    }

    @Test
    void aHostsBarSpansTheTimeItWorkedOnTheWholeProvisionsAxis() {
        Map<String, Object> model = timeline(ProvisionRun.load(fixture()));
        // The axis runs from the facts' start (0 s) to the proof's end (14 s).
        assertThat(model.get("total")).isEqualTo("14 s");
        double perSecond = Timeline.PLOT_WIDTH / 14;
        Map<String, Object> facts = bar(list(model, "bars"), "lab-node2 · facts");
        assertThat(num(facts, "x")).isCloseTo(Timeline.LABEL_WIDTH + 0.1 * perSecond, within(0.1));
        assertThat(num(facts, "w")).isCloseTo(1.8 * perSecond, within(0.1));
        Map<String, Object> start = bar(list(model, "bars"), "lab-node2 · node-start");
        assertThat(num(start, "x")).isCloseTo(Timeline.LABEL_WIDTH + 7.7 * perSecond, within(0.1));
        assertThat(num(list(model, "lanes").get(1), "y")).isEqualTo(num(facts, "y") - (Timeline.LANE - Timeline.BAR) / 2);
    }

    @Test
    void theStagesLeaveNoGapOnTheAxis() {
        Map<String, Object> model = timeline(ProvisionRun.load(fixture()));
        List<Map<String, Object>> stages = new ArrayList<>(list(model, "phases").stream()
                .filter(b -> b.get("css").equals("stage") && b.get("y").equals("4.0")).toList());
        stages.sort(Comparator.comparingDouble(b -> num(b, "x")));
        double end = Timeline.LABEL_WIDTH;
        for (Map<String, Object> s : stages) {
            assertThat(num(s, "x")).as("gap before " + s.get("title")).isLessThanOrEqualTo(end + 0.1);
            end = Math.max(end, num(s, "x") + num(s, "w"));
        }
        assertThat(end).isCloseTo(Timeline.LABEL_WIDTH + Timeline.PLOT_WIDTH, within(0.1));
    }

    @Test
    void aStageTooNarrowForItsLabelKeepsItsTooltip() {
        Map<String, Object> model = timeline(ProvisionRun.load(fixture()));
        Map<String, Object> goAhead = list(model, "phases").stream().filter(b -> ((String) b.get("title")).startsWith("go-ahead:"))
                .findFirst().orElseThrow();
        assertThat(goAhead.get("label")).isNull();
        assertThat(goAhead.get("title")).isEqualTo("go-ahead: 0.1 s");
        assertThat(bandLabels(model, "stage", "4.0")).contains("go-ahead");
    }

    @Test
    void theJournalsReadAreThoseOfTheRunsTheStagesAndRunsName() throws IOException {
        Path dir = copyOfFixture();
        // A run beside it that the provision does not name (another command's) stays out of its timeline.
        Path stray = dir.resolveSibling("20261201T100003Z-0b0b");
        Files.createDirectories(stray);
        Files.writeString(stray.resolve("journal.jsonl"), "{\"ts\":\"2026-12-01T10:00:03Z\",\"event\":\"run_start\","
                + "\"run_id\":\"20261201T100003Z-0b0b\",\"playbook\":\"tune\"}\n");
        List<String> read = ProvisionRun.load(dir).journal().stream().filter(e -> e.path("event").asText().equals("run_start"))
                .map(e -> e.path("run_id").asText()).toList();
        assertThat(read).containsExactly("20261201T100002Z-0a01", "20261201T100004Z-0a02", "20261201T100006Z-0a03",
                "20261201T100007Z-0a04");
    }

    @Test
    void anOlderProvisionJsonWithoutStagesDrawsTheRunsItNamesAlone() throws IOException {
        Path dir = copyOfFixture();
        ObjectNode p = (ObjectNode) RunJson.MAPPER.readTree(Files.readString(dir.resolve("provision.json")));
        p.remove("stages");
        ((ObjectNode) p.path("runs")).remove("drive_owners");
        Files.writeString(dir.resolve("provision.json"), p.toString());

        Map<String, Object> model = timeline(ProvisionRun.load(dir));
        assertThat(model.get("with_stages")).isEqualTo(false);
        assertThat(bandLabels(model, "phase", "4.0")).containsExactly("drives", "node-start");
        assertThat(list(model, "phases")).allSatisfy(b -> assertThat(b.get("css")).isEqualTo("phase"));
        assertThat(list(model, "bars")).hasSize(4).noneMatch(b -> b.get("css").equals(Timeline.STAGE_BAR));
        assertThat(list(model, "lanes").get(0).get("y")).isEqualTo("46.0");
        String html = new AsBuiltReport().render(ProvisionRun.load(dir), AsBuiltReportTest.GENERATED);
        assertThat(html).doesNotContain("<rect class=\"stage\"").doesNotContain("provision's own stages");
    }

    @Test
    void theDocumentDrawsTheStageBandsAndExplainsThem() {
        String html = new AsBuiltReport().render(ProvisionRun.load(fixture()), AsBuiltReportTest.GENERATED);
        assertThat(html).contains("<svg id=\"timeline-chart\"").contains("The top band is provision's own stages")
                .containsPattern("<rect class=\"stage\"[^>]*><title>S3 proof: 2.0 s</title></rect><text[^>]*>S3 proof</text>")
                .containsPattern("<rect class=\"stage\"[^>]*><title>go-ahead: 0.1 s</title></rect><rect")
                .containsPattern("<rect class=\"phase\"[^>]*><title>drive owners: 0.9 s</title>");
        for (String host : HOSTS) {
            assertThat(html).containsPattern("<rect class=\"st-(stage|failed)\"[^>]*><title>" + host + " · S3 proof · ");
        }
    }

    @Test
    void aProvisionThatStoppedBeforeAnyRunStillHasItsTimeline() throws IOException {
        Path dir = copyOfFixture();
        ObjectNode p = (ObjectNode) RunJson.MAPPER.readTree(Files.readString(dir.resolve("provision.json")));
        // The hardware check refused: facts and verdicts only, no run named.
        com.fasterxml.jackson.databind.node.ArrayNode stages = (com.fasterxml.jackson.databind.node.ArrayNode) p.path("stages");
        while (stages.size() > 2) {
            stages.remove(2);
        }
        p.set("runs", RunJson.MAPPER.createObjectNode());
        Files.writeString(dir.resolve("provision.json"), p.toString());

        Map<String, Object> model = timeline(ProvisionRun.load(dir));
        assertThat(model).isNotNull();
        assertThat(bandLabels(model, "stage", "4.0")).containsExactly("facts", "hardware verdicts");
        assertThat(list(model, "bars")).hasSize(2);
    }

    private static Map<String, Object> bar(List<Map<String, Object>> bars, String prefix) {
        return bars.stream().filter(b -> ((String) b.get("title")).startsWith(prefix + " · ")).findFirst().orElseThrow();
    }

    private static String title(List<Map<String, Object>> bars, String prefix) {
        return (String) bar(bars, prefix).get("title");
    }

    private Path copyOfFixture() throws IOException {
        Path dir = temp.resolve(PROVISION);
        AsBuiltReportTest.copy(fixture(), dir);
        return dir;
    }
}
