package dev.aistorctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aistorctl.lab.Lab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo end to end on a small lab of its own: up, provisioned, proven, and gone again. */
@Tag("lab")
class DemoIT {
    private static final String LAB = "pvdemo";

    @BeforeAll
    static void home(@TempDir Path dir) {
        assertThat(System.getProperty("user.name")).as("lab tests run as root").isEqualTo("root");
        System.setProperty("aistorctl.home", dir.toString());
    }

    @AfterAll
    static void down() {
        System.clearProperty("aistorctl.home");
        Lab.standard().down(LAB, line -> { });
    }

    @Test
    void theDemoProvisionsAProvenClusterAndLeavesNoLabBehind() throws IOException {
        CliRun demo = CliRun.of("demo", "--hosts", "2", "--drives", "2", "--lab-name", LAB);

        assertThat(demo.exitCode()).as(demo.out() + demo.err()).isZero();
        assertThat(demo.err()).contains("lab prepare --install-prereqs", "provision -i", "status --probe", "lab down --name " + LAB);
        assertThat(demo.out()).contains("demo: cluster " + LAB + " provisioned, healthy and proven");
        Matcher m = Pattern.compile("provision record: (\\S+)").matcher(demo.out());
        assertThat(m.find()).as(demo.out()).isTrue();
        assertThat(new ObjectMapper().readTree(Files.readString(Path.of(m.group(1)))).get("outcome").asText()).isEqualTo("ok");
        Matcher report = Pattern.compile("as-built report: +(\\S+)").matcher(demo.out());
        assertThat(report.find()).as(demo.out()).isTrue();
        String html = Files.readString(Path.of(report.group(1)));
        assertThat(html).containsIgnoringCase("<html");
        timelineShowsEveryStageAndEveryHostInIt(html, new ObjectMapper().readTree(Files.readString(Path.of(m.group(1)))));
        assertThat(Lab.standard().list()).as("the lab is gone").doesNotContain(LAB);
    }

    /**
     * The demo's as-built timeline: a band for every stage of the provision and for every run it made, and a bar of
     * every host in each run and in each stage that works host by host, as the provision recorded them.
     */
    private static void timelineShowsEveryStageAndEveryHostInIt(String html, JsonNode provision) {
        assertThat(html).contains("id=\"timeline-chart\"").doesNotContain("no timeline");
        List<String> stages = new ArrayList<>();
        provision.get("stages").forEach(s -> stages.add(s.get("stage").asText()));
        assertThat(stages).containsExactly("facts", "hardware", "plan", "go_ahead", "apply", "proof");
        for (String stage : List.of("facts", "hardware verdicts", "plan", "go-ahead", "apply", "pre-flight", "health wait", "S3 proof")) {
            assertThat(html).as("stage " + stage).containsPattern("<rect class=\"stage\"[^>]*><title>" + stage + ": ");
        }
        List<String> hosts = new ArrayList<>();
        provision.get("inventory").get("hosts").forEach(h -> hosts.add(h.get("name").asText()));
        assertThat(hosts).hasSize(2);
        for (String phase : List.of("plan drives", "plan tune", "plan node-install", "plan node-start", "drives", "tune",
                "node-install", "drive owners", "node-start")) {
            assertThat(html).as("run " + phase).containsPattern("<rect class=\"phase\"[^>]*><title>" + phase + ": ");
        }
        for (String phase : List.of("facts", "plan drives", "plan tune", "plan node-install", "plan node-start", "drives", "tune",
                "node-install", "drive owners", "node-start", "S3 proof")) {
            for (String host : hosts) {
                assertThat(html).as(host + " in " + phase)
                        .containsPattern("<rect class=\"st-[a-z]+\"[^>]*><title>" + host + " · " + phase + " · ");
            }
        }
    }
}
