package dev.aistorctl.playbooks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aistorctl.core.AistorException;
import dev.aistorctl.core.ExitCode;
import dev.aistorctl.playbooks.journal.RunJson;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The as-built document, rendered from a real provision run of a three-host lab (fixture provision-lab: the
 * runs directory as provision leaves it, the provision's record and the journal of each run it made).
 */
class AsBuiltReportTest {
    static final Instant GENERATED = Instant.parse("2026-11-25T17:00:00Z");
    static final String HOSTILE = "<script>alert(1)</script>";

    static Path fixture() {
        try {
            return Path.of(AsBuiltReportTest.class.getResource("/report/provision-lab/20261125T163955Z-a5b1/provision.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String render(ProvisionRun run) {
        return new AsBuiltReport().render(run, GENERATED);
    }

    @Test
    void namesTheRunAndTheToolVersionSoTheDocumentCanBeTraced() {
        ProvisionRun run = ProvisionRun.load(fixture());
        String html = render(run);
        assertThat(run.runId()).isEqualTo("20261125T163955Z-a5b1");
        assertThat(html).contains("<code id=\"run-id\">20261125T163955Z-a5b1</code>")
                .contains("<span id=\"tool-version\">0.1.0-SNAPSHOT</span>")
                .contains("As-built: cluster rpfix")
                .contains("started 2026-11-25 16:39:56 UTC");
    }

    @Test
    void showsEveryHostEveryDriveAndTheCapacity() {
        ProvisionRun run = ProvisionRun.load(fixture());
        String html = render(run);
        for (String host : List.of("rpfix-node1", "rpfix-node2", "rpfix-node3")) {
            assertThat(html).contains("data-host=\"" + host + "\"");
        }
        // Every selected drive of every host, by the label the drives step gave it and where it is mounted.
        List<String> labels = new ArrayList<>();
        for (JsonNode host : run.provision().path("runs").path("drives").path("hosts")) {
            for (JsonNode step : host.path("steps")) {
                for (JsonNode c : step.path("changes")) {
                    Matcher m = Pattern.compile("XFS labelled (\\S+)").matcher(c.path("after").asText());
                    if (m.find()) {
                        labels.add(m.group(1));
                    }
                }
            }
        }
        assertThat(labels).hasSize(12);
        labels.forEach(label -> assertThat(html).contains("<code>" + label + "</code>"));
        assertThat(count(html, "<code>/mnt/drive1</code>")).isEqualTo(3);
        // 12 lab drives of 2 GiB; EC:4 over a set of 12 would leave two thirds (the pool's plan), but the lab's
        // S3Proxy serves only each node's first drive, and the headline is what the cluster serves.
        assertThat(html).contains("<div class=\"value\" id=\"raw-capacity\">25.77 GB</div>")
                .contains("<div class=\"value\" id=\"usable-capacity\">6.24 GB</div>")
                .containsPattern("<td>pool1</td>.*<td class=\"num\">25.77 GB</td><td class=\"num\">17.18 GB</td></tr>")
                .contains("<div class=\"value\" id=\"host-count\">3</div>");
        assertThat(count(html, "<g class=\"cap-row\">")).isEqualTo(3);
    }

    @Test
    void drawsTheFindingsGridHostByRule() {
        ProvisionRun run = ProvisionRun.load(fixture());
        String html = render(run);
        int rules = run.provision().path("verify").path("hosts").get(0).path("findings").size();
        assertThat(html).contains("<svg id=\"findings-grid\"");
        assertThat(html).contains(">cpu.cores</text>").contains(">nic.speed</text>");
        assertThat(count(html, "<text class=\"grid-host\"")).isEqualTo(3);
        assertThat(count(html, "<rect class=\"sev-")).isGreaterThanOrEqualTo(3 * distinctRules(run)).isLessThanOrEqualTo(3 * rules);
    }

    @Test
    void namesTheTuningProfileTheTuneRunAppliedNotOnlyTheOneTheInventoryNames() throws IOException {
        Path dir = copyOfFixture();
        ObjectNode p = (ObjectNode) RunJson.MAPPER.readTree(dir.resolve("provision.json").toFile());
        ((ObjectNode) p.path("inventory").path("cluster")).put("tuning_profile", "/etc/aistor/site-tuning.yaml");
        ((ObjectNode) p.path("runs").path("tune")).put("profile", "aistor-performance");
        Files.writeString(dir.resolve("provision.json"), p.toString());
        assertThat(render(ProvisionRun.load(dir))).contains("<tr><th>Tuning profile</th><td>aistor-performance</td></tr>");

        // A run that tuned nothing (stopped before the plan): the inventory's profile is all there is to name.
        p.with("runs").putNull("tune");
        Files.writeString(dir.resolve("provision.json"), p.toString());
        assertThat(render(ProvisionRun.load(dir))).contains("<tr><th>Tuning profile</th><td>/etc/aistor/site-tuning.yaml</td></tr>");
    }

    @Test
    void marksAnAcceptedWarningInTheGridAndTheTable() throws IOException {
        Path dir = copyOfFixture();
        ObjectNode p = (ObjectNode) RunJson.MAPPER.readTree(dir.resolve("provision.json").toFile());
        ObjectNode finding = (ObjectNode) p.path("verify").path("hosts").get(1).path("findings").get(0);
        finding.put("severity", "WARN");
        ((ArrayNode) p.withArray("accepted_findings")).add(finding.path("rule").asText());
        Files.writeString(dir.resolve("provision.json"), p.toString());
        String html = render(ProvisionRun.load(dir));
        assertThat(html).contains("<span class=\"badge sev-warn\">WARN</span><span class=\"accepted\">ACCEPTED</span>");
        assertThat(count(html, "<text class=\"mark\"")).isEqualTo(1);
        assertThat(html).contains("accepted findings: <strong>" + finding.path("rule").asText() + "</strong>");
    }

    @Test
    void drawsOneTimelineLanePerHostWithOverlappingBars() {
        ProvisionRun run = ProvisionRun.load(fixture());
        String html = render(run);
        assertThat(html).contains("<svg id=\"timeline-chart\"");
        for (String host : List.of("rpfix-node1", "rpfix-node2", "rpfix-node3")) {
            assertThat(html).contains("<text class=\"lane\" x=\"0\" y=\"");
            assertThat(html).containsPattern("<text class=\"lane\"[^>]*>" + host + "</text>");
        }
        long results = run.journal().stream().filter(e -> "step_result".equals(e.path("event").asText())).count();
        assertThat(count(html, "<rect class=\"st-")).isEqualTo((int) results);
        // The four playbook runs (drives, tune, node install, node start) each get a phase band.
        assertThat(count(html, "<rect class=\"phase\"")).isEqualTo(4);
        // Parallel hosts: the first step of every host starts at almost the same x.
        List<Double> firstBars = new ArrayList<>();
        Matcher m = Pattern.compile("<rect class=\"st-[a-z]+\" x=\"([0-9.]+)\"[^>]*><title>(rpfix-node\\d) · drives · ([^<]*)</title>").matcher(html);
        List<String> seen = new ArrayList<>();
        while (m.find()) {
            if (!seen.contains(m.group(2))) {
                seen.add(m.group(2));
                firstBars.add(Double.parseDouble(m.group(1)));
            }
        }
        assertThat(firstBars).hasSize(3);
        assertThat(firstBars.stream().mapToDouble(Double::doubleValue).max().orElseThrow()
                - firstBars.stream().mapToDouble(Double::doubleValue).min().orElseThrow()).isLessThan(40);
    }

    @Test
    void escapesHostileValuesEverywhere() throws IOException {
        Path dir = copyOfFixture();
        String json = Files.readString(dir.resolve("provision.json"));
        ObjectNode p = (ObjectNode) RunJson.MAPPER.readTree(json);
        ((ObjectNode) p.path("verify").path("hosts").get(0).path("findings").get(0)).put("message", HOSTILE);
        ((ObjectNode) p.path("inventory").path("cluster")).put("name", "\"><img src=x onerror=alert(1)>");
        ((ObjectNode) p.path("facts").path("hosts").get(0).path("facts").path("os")).put("kernel", HOSTILE);
        Files.writeString(dir.resolve("provision.json"), p.toString());
        String html = render(ProvisionRun.load(dir));
        assertThat(html).doesNotContain("<script").doesNotContain("<img");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("&quot;&gt;&lt;img src&#61;x onerror&#61;alert(1)&gt;");
    }

    @Test
    void theTimelineShowsEveryPhaseAndEveryHostsStepsFromTheJournalsOfTheRunsTheProvisionMade() {
        // provision.json names its runs; their journals lie beside it in the runs directory, not in its own.
        assertThat(fixture().resolve("journal.jsonl")).doesNotExist();
        String html = render(ProvisionRun.load(fixture()));
        assertThat(html).contains("<svg id=\"timeline-chart\"").doesNotContain("no timeline");
        for (String phase : List.of("drives", "tune", "node-install", "node-start")) {
            assertThat(html).containsPattern("<rect class=\"phase\"[^>]*><title>" + phase + ": ");
            for (String host : List.of("rpfix-node1", "rpfix-node2", "rpfix-node3")) {
                assertThat(html).as(host + " in " + phase).containsPattern("<rect class=\"st-[a-z]+\"[^>]*><title>" + host + " · " + phase + " · ");
            }
        }
    }

    @Test
    void fetchesNothingFromTheNetwork() {
        String html = render(ProvisionRun.load(fixture()));
        assertThat(html).doesNotContainPattern("(?i)(src|href)\\s*=\\s*\"?\\s*(https?:)?//")
                .doesNotContainPattern("(?i)<(script|link|iframe|img)\\b")
                .doesNotContainPattern("(?i)(@import|url\\()")
                .contains("@media print");
    }

    @Test
    void holdsNoSecretAndNoMachinePath() throws IOException {
        Path dir = copyOfFixture();
        // A credential that slipped into a change description is masked before the document is written.
        String json = Files.readString(dir.resolve("provision.json"))
                .replace("(credential redacted)", "MINIO_ROOT_PASSWORD=hunter2-s3cret");
        Files.writeString(dir.resolve("provision.json"), json);
        String html = render(ProvisionRun.load(dir));
        assertThat(html).doesNotContain("hunter2-s3cret").contains("MINIO_ROOT_PASSWORD&#61;&lt;redacted&gt;");
        assertThat(html).doesNotContain("/root/").doesNotContain("data1.img");
    }

    @Test
    void latestPicksTheNewestRunThatHasAProvisionRecord(@TempDir Path runs) throws IOException {
        assertThat(ProvisionRun.latest(runs)).isEmpty();
        copy(fixture(), runs.resolve("20261125T163955Z-a5b1"));
        Files.createDirectories(runs.resolve("20261126T090000Z-ffff")); // a later run of another kind
        Files.writeString(runs.resolve("20261126T090000Z-ffff/journal.jsonl"), "");
        assertThat(ProvisionRun.latest(runs)).contains(runs.resolve("20261125T163955Z-a5b1"));
    }

    @Test
    void refusesAnotherFormatWithExitCodeFour(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("provision.json"), "{\"format\": \"aistorctl-provision/9\"}");
        assertThatThrownBy(() -> ProvisionRun.load(dir)).isInstanceOf(AistorException.class)
                .hasMessageContaining("aistorctl-provision/9")
                .satisfies(e -> assertThat(((AistorException) e).exitCode()).isEqualTo(ExitCode.INVALID_CONFIG));
    }

    @Test
    void writesTheDocumentToAFile(@TempDir Path dir) throws IOException {
        Path out = new AsBuiltReport().write(ProvisionRun.load(fixture()), dir.resolve("sub/report.html"));
        assertThat(Files.readString(out)).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
    }

    private static int distinctRules(ProvisionRun run) {
        java.util.Set<String> rules = new java.util.HashSet<>();
        run.provision().path("verify").path("hosts").forEach(h -> h.path("findings").forEach(f -> rules.add(f.path("rule").asText())));
        return rules.size();
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    @TempDir
    Path temp;

    private Path copyOfFixture() throws IOException {
        Path dir = temp.resolve("20261125T163955Z-a5b1");
        copy(fixture(), dir);
        return dir;
    }

    /** The provision run {@code from} to {@code to}, and beside it, as in the runs directory, the runs it made. */
    static void copy(Path from, Path to) throws IOException {
        try (var runs = Files.list(from.getParent())) {
            for (Path run : runs.filter(Files::isDirectory).toList()) {
                Path target = run.equals(from) ? to : to.resolveSibling(run.getFileName());
                Files.createDirectories(target);
                try (var files = Files.list(run)) {
                    for (Path f : files.toList()) {
                        Files.copy(f, target.resolve(f.getFileName()));
                    }
                }
            }
        }
    }
}
