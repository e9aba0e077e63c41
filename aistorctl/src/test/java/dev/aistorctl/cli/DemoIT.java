package dev.aistorctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
        assertThat(Files.readString(Path.of(report.group(1)))).containsIgnoringCase("<html");
        assertThat(Lab.standard().list()).as("the lab is gone").doesNotContain(LAB);
    }
}
