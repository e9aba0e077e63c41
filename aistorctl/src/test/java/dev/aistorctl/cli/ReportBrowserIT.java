package dev.aistorctl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The as-built document as a browser shows it: headless Chromium loads the file {@code aistorctl report} wrote,
 * and its DOM after parsing and layout must still carry the content (inline SVG that a browser rejects would vanish
 * here, not in a string test). A screenshot is kept under target/ for a person to look at. Chromium is required:
 * without it this test fails, naming the package to install.
 */
class ReportBrowserIT {
    static final Path ARTEFACTS = Path.of("target", "report-browser");
    /** The provision run of fixture provision-current. */
    private static final String CURRENT_RUN = "20261207T054900Z-b9a3";

    @TempDir
    Path dir;

    @BeforeEach
    void runsInATempDir() {
        System.setProperty("aistorctl.home", dir.resolve("home").toString());
    }

    @AfterEach
    void restore() {
        System.clearProperty("aistorctl.home");
    }

    /**
     * A provision as this version records it (fixture provision-current: a real provision of a three-host lab, two
     * drives each, with the runs it made; its names and paths rewritten to those of the accept fixture's lab) and that
     * lab's acceptance: after parsing, every section, a band for every stage of the provision and for every run it
     * made, and a bar of every host in every run and in every stage that works host by host.
     */
    @Test
    void chromiumRendersTheReportWithEveryHostChartAndTheRunId() throws Exception {
        Path runs = installRuns("provision-current", dir.resolve("home"));
        Path run = runs.resolve(CURRENT_RUN);
        Files.copy(ReportCommandTest.acceptFixture(), run.resolve("accept.json"));
        CliRun r = CliRun.of("report");
        assertThat(r.exitCode()).as(r.err()).isZero();
        Path html = run.resolve("report.html");
        Files.createDirectories(ARTEFACTS);
        Files.copy(html, ARTEFACTS.resolve("report.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        String dom = chromium(html, "--dump-dom");
        List<String> hosts = List.of("rpfix-node1", "rpfix-node2", "rpfix-node3");
        assertThat(dom).contains("As-built: cluster rpfix").contains(CURRENT_RUN);
        for (String host : hosts) {
            assertThat(dom).contains("data-host=\"" + host + "\"");
        }
        assertThat(dom).contains("id=\"capacity-chart\"").contains("id=\"findings-grid\"").contains("id=\"timeline-chart\"")
                .contains("12.88 GB").contains("sha256 match");
        // The timeline as the browser built it: provision's stages, the runs it made, and every host's bars in them.
        assertThat(dom).doesNotContain("no timeline");
        for (String stage : List.of("facts", "hardware verdicts", "plan", "go-ahead", "apply", "pre-flight", "health wait", "S3 proof")) {
            assertThat(dom).as("stage " + stage).containsPattern("<rect class=\"stage\"[^>]*><title>" + stage + ": ");
        }
        List<String> runsMade = List.of("plan drives", "plan tune", "plan node-install", "plan node-start", "drives", "tune",
                "node-install", "drive owners", "node-start");
        for (String phase : runsMade) {
            assertThat(dom).as("run " + phase).containsPattern("<rect class=\"phase\"[^>]*><title>" + phase + ": ");
        }
        List<String> byHost = new ArrayList<>(List.of("facts", "S3 proof"));
        byHost.addAll(runsMade);
        for (String phase : byHost) {
            for (String host : hosts) {
                assertThat(dom).as(host + " in " + phase).containsPattern("<rect class=\"st-[a-z]+\"[^>]*><title>" + host + " · " + phase + " · ");
            }
        }

        acceptanceAsTheBrowserBuiltIt(dom);

        Path screenshot = ARTEFACTS.resolve("report.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);
        chromium(html, "--screenshot=" + screenshot, "--window-size=1280,2000");
        assertThat(screenshot).exists();
        byte[] png = Files.readAllBytes(screenshot);
        assertThat(png.length).as("screenshot size").isGreaterThan(20_000);
        assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");

        // Printed, as the customer files it: the print stylesheet puts each host on a page of its own.
        Path pdf = ARTEFACTS.resolve("report.pdf").toAbsolutePath();
        Files.deleteIfExists(pdf);
        chromium(html, "--print-to-pdf=" + pdf, "--no-pdf-header-footer");
        String pdfText = new String(Files.readAllBytes(pdf), StandardCharsets.ISO_8859_1);
        assertThat(pdfText).startsWith("%PDF-");
        int pages = pdfText.split("/Type\\s*/Page[^s]", -1).length - 1;
        assertThat(pages).as("pages: summary, findings and timeline, then one per host").isGreaterThanOrEqualTo(4);
    }

    /**
     * A provision that records its stages (fixture provision-stages, two hosts): after parsing, a band for every stage
     * of provision's, a band for every run it made, the stages inside apply among them, and a bar of every host in
     * every run and in every stage that works host by host.
     */
    @Test
    void chromiumRendersTheStagesOfTheProvisionOnTheTimelineWithEveryHostsBars() throws Exception {
        Path runs = installRuns("provision-stages", dir.resolve("home"));
        CliRun r = CliRun.of("report", "--run", "20261201T100000Z-0a00");
        assertThat(r.exitCode()).as(r.err()).isZero();
        Path html = runs.resolve("20261201T100000Z-0a00").resolve("report.html");
        Files.createDirectories(ARTEFACTS);
        Files.copy(html, ARTEFACTS.resolve("report-stages.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        String dom = chromium(html, "--dump-dom");
        assertThat(dom).contains("id=\"timeline-chart\"").doesNotContain("no timeline");
        for (String stage : List.of("facts", "hardware verdicts", "plan", "go-ahead", "apply", "pre-flight", "health wait", "S3 proof")) {
            assertThat(dom).as("stage " + stage).containsPattern("<rect class=\"stage\"[^>]*><title>" + stage + ": ");
        }
        for (String phase : List.of("plan drives", "drives", "drive owners", "node-start")) {
            assertThat(dom).as("run " + phase).containsPattern("<rect class=\"phase\"[^>]*><title>" + phase + ": ");
        }
        for (String phase : List.of("facts", "plan drives", "drives", "drive owners", "node-start", "S3 proof")) {
            for (String host : List.of("lab-node1", "lab-node2")) {
                assertThat(dom).as(host + " in " + phase).containsPattern("<rect class=\"st-[a-z]+\"[^>]*><title>" + host + " · " + phase + " · ");
            }
        }
        Path screenshot = ARTEFACTS.resolve("report-stages.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);
        chromium(html, "--screenshot=" + screenshot, "--window-size=1280,1400");
        assertThat(screenshot).exists();
    }

    /**
     * The acceptance section after parsing: a write and a read bar for every drive of every host, a cell for every pair of
     * the mesh, a row for every S3 node; the slow drive (node 2, drive 2), the slow receiver's pairs (into node 3) and
     * node 3's S3 GET marked failed, in text as well as colour, and nothing else marked.
     */
    private static void acceptanceAsTheBrowserBuiltIt(String dom) {
        List<String> hosts = List.of("rpfix-node1", "rpfix-node2", "rpfix-node3");
        assertThat(dom).contains("id=\"drive-bars\"").contains("id=\"network-heatmap\"").contains("id=\"s3-bars\"")
                .contains("id=\"s3-nodes\"").doesNotContain("no acceptance results");
        java.util.regex.Matcher rows = java.util.regex.Pattern.compile(
                "<g class=\"bar-row drive\" data-host=\"([^\"]+)\" data-item=\"([^\"]+)\" data-verdict=\"([A-Z]+)\">(.*?)</g>\\s*</g>",
                java.util.regex.Pattern.DOTALL).matcher(dom);
        List<String> drives = new ArrayList<>();
        while (rows.find()) {
            String row = rows.group(4);
            assertThat(row).contains("data-direction=\"write\"").contains("data-direction=\"read\"")
                    .contains("<line class=\"spec-line\"").contains("<line class=\"median-line\"");
            drives.add(rows.group(1) + " " + rows.group(2) + " " + rows.group(3) + (row.contains("✗ FAIL") ? " marked" : ""));
        }
        assertThat(drives).containsExactly("rpfix-node1 /mnt/drive1 PASS", "rpfix-node1 /mnt/drive2 PASS",
                "rpfix-node2 /mnt/drive1 PASS", "rpfix-node2 /mnt/drive2 FAIL marked",
                "rpfix-node3 /mnt/drive1 PASS", "rpfix-node3 /mnt/drive2 PASS");
        for (String from : hosts) {
            for (String to : hosts) {
                String verdict = from.equals(to) ? "NONE" : to.equals("rpfix-node3") ? "FAIL" : "PASS";
                assertThat(dom).as(from + " → " + to).containsPattern("<g class=\"pair\" data-from=\"" + from + "\" data-to=\"" + to
                        + "\" data-verdict=\"" + verdict + "\"><rect class=\"[^\"]*" + (verdict.equals("FAIL") ? "pair-fail" : "") + "[^\"]*\"[^>]*>"
                        + "<title>[^<]*</title></rect><text[^>]*>" + (verdict.equals("FAIL") ? "✗ " : "") + "[0-9—]");
            }
            String s3 = from.equals("rpfix-node3") ? "FAIL" : "PASS";
            assertThat(dom).containsPattern("<tr class=\"s3-node\" data-host=\"" + from + "\" data-verdict=\"" + s3 + "\">");
        }
        assertThat(dom).contains("✗ FAIL receive").contains("<span class=\"mark-fail\">✗ FAIL</span>");
    }

    /** The runs of the report fixture {@code name} in {@code home}'s runs directory, which it returns. */
    private static Path installRuns(String name, Path home) throws IOException {
        Path fixture = Path.of(System.getProperty("aistorctl.root", ".."), "playbooks/src/test/resources/report", name);
        Path runs = home.resolve("runs");
        try (var dirs = Files.list(fixture)) {
            for (Path from : dirs.filter(Files::isDirectory).toList()) {
                Path to = Files.createDirectories(runs.resolve(from.getFileName().toString()));
                try (var files = Files.list(from)) {
                    for (Path f : files.toList()) {
                        Files.copy(f, to.resolve(f.getFileName()));
                    }
                }
            }
        }
        return runs;
    }

    private String chromium(Path html, String... mode) throws IOException, InterruptedException {
        String binary = findChromium();
        Path profile = Files.createTempDirectory(dir, "chromium-profile");
        List<String> argv = new ArrayList<>(List.of(binary, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile));
        argv.addAll(List.of(mode));
        argv.add(html.toUri().toString());
        Path stdout = dir.resolve("chromium.out");
        Path stderr = dir.resolve("chromium.err");
        Process p = new ProcessBuilder(argv).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish in 90 s: " + Files.readString(stderr));
        }
        assertThat(p.exitValue()).as("chromium exit; stderr: " + Files.readString(stderr)).isZero();
        return Files.readString(stdout);
    }

    private static String findChromium() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return fail("headless Chromium is required for this test and was not found (Debian: apt-get install -y chromium)");
    }
}
