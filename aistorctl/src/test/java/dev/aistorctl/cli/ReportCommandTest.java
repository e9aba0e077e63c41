package dev.aistorctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    static final String RUN = "20261125T163955Z-a5b1";

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

    /** The runs directory of the lab provision run the report builder's tests use: the provision and the runs it made. */
    static Path fixture() {
        return Path.of(System.getProperty("aistorctl.root", ".."), "playbooks/src/test/resources/report/provision-lab");
    }

    /** The fixture's runs in {@code home}'s runs directory; returns the provision run's directory. */
    static Path installRun(Path home, String runId) throws IOException {
        try (var runs = Files.list(fixture())) {
            for (Path from : runs.filter(Files::isDirectory).toList()) {
                Path to = home.resolve("runs").resolve(from.getFileName().toString().equals(RUN) ? runId : from.getFileName().toString());
                Files.createDirectories(to);
                try (var files = Files.list(from)) {
                    for (Path f : files.toList()) {
                        Files.copy(f, to.resolve(f.getFileName()));
                    }
                }
            }
        }
        return home.resolve("runs").resolve(runId);
    }

    @Test
    void withoutAProvisionRunItExitsFourAndSaysWhatIsMissing() {
        CliRun r = CliRun.of("report");
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.err()).contains("no provision run").contains("aistorctl provision").doesNotContain("Exception");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void writesReportHtmlIntoTheNewestProvisionRunAndPrintsItsPath() throws IOException {
        Path run = installRun(dir.resolve("home"), RUN);
        CliRun r = CliRun.of("report");
        assertThat(r.exitCode()).as(r.err()).isZero();
        Path report = run.resolve("report.html");
        assertThat(r.out().strip()).isEqualTo(report.toAbsolutePath().toString());
        assertThat(Files.readString(report)).contains("As-built: cluster rpfix").contains(RUN);
    }

    @Test
    void writesWhereOutSaysAndReportsItAsJson() throws IOException {
        installRun(dir.resolve("home"), RUN);
        Path target = dir.resolve("as-built.html");
        CliRun r = CliRun.of("report", "--run", RUN, "--out", target.toString(), "-o", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"run_id\"").contains(RUN).contains(target.toAbsolutePath().toString());
        assertThat(Files.readString(target)).startsWith("<!DOCTYPE html>");
    }

    @Test
    void aRunWithoutProvisionRecordIsRefusedWithExitFour() throws IOException {
        Files.createDirectories(dir.resolve("home/runs/20261125T170000Z-0001"));
        CliRun r = CliRun.of("report", "--run", "20261125T170000Z-0001");
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.err()).contains("20261125T170000Z-0001").contains("provision.json");
    }

    @Test
    void aMalformedRunIdIsAUsageError() {
        CliRun r = CliRun.of("report", "--run", "../etc");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("not a run id");
    }

    /** The fixture accept.json of the same lab (a slow drive on node 2, node 3 slow to receive and to serve S3 GETs). */
    static Path acceptFixture() {
        return Path.of(System.getProperty("aistorctl.root", ".."), "playbooks/src/test/resources/report/accept-lab/accept.json");
    }

    @Test
    void showsTheResultsOfTheAcceptRunNamedByAccept() throws IOException {
        Path run = installRun(dir.resolve("home"), RUN);
        Path acceptRun = dir.resolve("home/runs/20261125T170500Z-ac01");
        Files.createDirectories(acceptRun);
        Files.copy(acceptFixture(), acceptRun.resolve("accept.json"));
        // The provision run holds no accept.json: without --accept the document says there are no results.
        assertThat(CliRun.of("report").exitCode()).isZero();
        assertThat(Files.readString(run.resolve("report.html"))).contains("id=\"no-accept\"");
        CliRun r = CliRun.of("report", "--accept", "20261125T170500Z-ac01");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readString(run.resolve("report.html"))).contains("<svg id=\"drive-bars\"").doesNotContain("id=\"no-accept\"");
    }

    @Test
    void anAcceptRunWithoutResultsIsRefusedWithExitFourAndAMalformedIdWithTwo() throws IOException {
        installRun(dir.resolve("home"), RUN);
        Files.createDirectories(dir.resolve("home/runs/20261125T170500Z-ac02"));
        CliRun none = CliRun.of("report", "--accept", "20261125T170500Z-ac02");
        assertThat(none.exitCode()).isEqualTo(4);
        assertThat(none.err()).contains("20261125T170500Z-ac02").contains("accept.json");
        assertThat(CliRun.of("report", "--accept", "../x").exitCode()).isEqualTo(2);
    }
}
