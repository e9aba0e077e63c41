package dev.aistorctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Progress on a real pseudo-terminal: tmux runs aistorctl against lab hosts, and its screen is read while the hosts
 * work and once the command has ended, as a person would see it: a board per phase with a line per host redrawn in
 * place, its final state once, the summary; no escape sequence left on the screen, none at all with NO_COLOR.
 */
@Tag("lab")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProgressBoardIT {
    private static final String SOCKET = "aistorctl-board-it";
    private static final Pattern LIVE_ROW = Pattern.compile("(?m)^pboard-node[12] +(drives|tune|node-install|node-start) +step \\d+/\\d+ .*\\d+s$");
    private static final Pattern BOARD_ROW = Pattern.compile("(?m)^pboard-node[12]  tune  .*$");

    @RegisterExtension
    static final LabHosts lab = LabHosts.of("pboard", 2, 2).withOwnHome();

    @AfterAll
    static void down() throws Exception {
        tmux("kill-server");
    }

    @Test
    @Order(1)
    void aProvisionOnATerminalIsABoardPerPhaseRedrawnInPlaceThenTheSummary() throws Exception {
        Screen run = run("provision --yes --wipe-drives", 120, false);

        assertThat(run.frames).as("while the hosts work, a host's line shows its phase, step i/n and seconds")
                .anyMatch(frame -> LIVE_ROW.matcher(frame).find());
        for (String host : List.of("pboard-node1", "pboard-node2")) {
            // The plans too are a board while the hosts probe; its final state says what each plan found.
            for (String phase : List.of("facts +ok", "plan +drives would change \\(\\d+\\.\\ds\\), tune would change", "drives +changed", "tune +changed",
                    "node +node-install changed \\(\\d+\\.\\ds\\), node-start changed")) {
                assertThat(Pattern.compile("(?m)^" + host + " +" + phase).matcher(run.history).results().count())
                        .as(host + " " + phase + " once, in its final state:\n" + run.history).isEqualTo(1);
            }
        }
        assertThat(LIVE_ROW.matcher(run.history).find()).as("no step line left behind: redrawn in place\n" + run.history).isFalse();
        assertThat(run.history).as("no line per host per phase on a terminal").doesNotContain("[1/2] ");
        assertThat(run.history).contains("HOST", "DRIVES", "TUNE", "NODE", "HEALTH", "healthy, S3 verified", "exit=0");
        assertThat(run.history).as("no escape sequence shows on the screen").doesNotContain("\u001b", "[A", "[J");
        assertThat(run.coloured).as("colours on a terminal").contains("\u001b[");
    }

    @Test
    @Order(2)
    void withNoColorAndANarrowWindowTheBoardHasNoColourAndItsLinesAreCutNotWrapped() throws Exception {
        Screen run = run("tune", 36, true);

        List<String> rows = BOARD_ROW.matcher(run.history).results().map(r -> r.group()).toList();
        assertThat(rows).as("the board's final state, once:\n" + run.history).hasSize(2);
        assertThat(rows).allMatch(r -> r.length() <= 35, "cut to the width, one column free");
        assertThat(run.history).contains("exit=0").doesNotContain("\u001b", "[A", "[J");
        assertThat(run.coloured).as("NO_COLOR: not a colour on the screen").doesNotContain("\u001b[");
    }

    @Test
    @Order(3)
    void elsewhereProgressIsOneWholeLinePerHostAndNoEscapeSequence() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("java", "-jar", jar(), "tune", "-i", lab.inventory().toString())
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("AISTORCTL_HOME", lab.home().toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).containsPattern("(?m)^\\[[12]/2\\] pboard-node1: ok \\(\\d+\\.\\ds\\)$").doesNotContain("\u001b");
    }

    /** What the screen showed: frames read while the command ran, then its whole history, plain and with colours. */
    private record Screen(List<String> frames, String history, String coloured) {
    }

    private static Screen run(String command, int columns, boolean noColor) throws Exception {
        tmux("kill-server");
        String line = "env AISTORCTL_HOME=" + lab.home() + (noColor ? " NO_COLOR=1" : "") + " java -jar " + jar() + " " + command
                + " -i " + lab.inventory() + "; echo exit=$?; sleep 600";
        tmux("new-session", "-d", "-s", "it", "-x", String.valueOf(columns), "-y", "50", line);
        tmux("set-option", "-t", "it", "history-limit", "5000");
        List<String> frames = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        String frame = "";
        while (!frame.contains("exit=") && System.nanoTime() < deadline) {
            frame = tmux("capture-pane", "-p", "-t", "it");
            frames.add(frame);
            Thread.sleep(100);
        }
        assertThat(frame).as("the command ended within 5 minutes").contains("exit=");
        String history = tmux("capture-pane", "-p", "-S", "-", "-E", "-", "-t", "it");
        String coloured = tmux("capture-pane", "-p", "-e", "-S", "-", "-E", "-", "-t", "it");
        tmux("kill-server");
        return new Screen(frames, history, coloured);
    }

    private static String jar() {
        return Path.of("target", "aistorctl.jar").toAbsolutePath().toString();
    }

    private static String tmux(String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("tmux", "-L", SOCKET));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        if (!args[0].equals("kill-server")) {
            assertThat(p.exitValue()).as("tmux " + String.join(" ", args) + ": " + out).isZero();
        }
        return out;
    }
}
