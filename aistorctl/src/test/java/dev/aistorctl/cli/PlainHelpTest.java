package dev.aistorctl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/**
 * The root's help and version printed without picocli are byte for byte what picocli prints. The help is a checked-in
 * rendering: {@code -Daistorctl.golden.update=true} rewrites it from picocli's, and the diff goes through review.
 */
class PlainHelpTest {
    private static final Path CHECKED_IN = Path.of("src/main/resources/dev/aistorctl/cli", PlainHelp.RESOURCE);

    @Test
    void theCheckedInHelpIsWhatPicocliPrintsToANonTerminal() throws IOException {
        assumeTrue(System.console() == null, "picocli renders for a terminal here: colour and the window's width");
        String live = CliRun.of("--help").out();
        if (Boolean.getBoolean("aistorctl.golden.update")) {
            Files.writeString(CHECKED_IN, live, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(CHECKED_IN, StandardCharsets.UTF_8))
                .as("%s against picocli's help (run with -Daistorctl.golden.update=true to rewrite it)", CHECKED_IN)
                .isEqualTo(live);
        try (InputStream packaged = PlainHelp.class.getResourceAsStream(PlainHelp.RESOURCE)) {
            assertThat(packaged).as("the help is on the class path next to PlainHelp").isNotNull();
            assertThat(new String(packaged.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(live);
        }
    }

    @Test
    void helpAndVersionAreAnsweredExactlyAsPicocliAnswersThem() {
        assumeTrue(System.console() == null, "picocli renders for a terminal here: colour and the window's width");
        for (String option : new String[] {"-h", "--help", "-V", "--version"}) {
            CliRun picocli = CliRun.of(option);
            assertThat(picocli.exitCode()).as(option).isZero();
            assertThat(answer(option)).as(option).isEqualTo(picocli.out()).isNotBlank();
        }
    }

    @Test
    void everyOtherLineIsLeftToPicocli() {
        for (String[] line : new String[][] {{}, {"--no-color", "--help"}, {"--help", "--debug"}, {"inventory", "--help"},
                {"-hV"}, {"help"}, {"--version", "x"}}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(PlainHelp.answered(line, new PrintStream(out, true, StandardCharsets.UTF_8))).as(String.join(" ", line)).isFalse();
            assertThat(out.size()).as("nothing printed for %s", String.join(" ", line)).isZero();
        }
    }

    /** Picocli's Help.Ansi.AUTO and usageHelpAutoWidth, as the fast path must read them. */
    @Test
    void picocliPrintsPlainOnlyWithoutATerminalAForcedColourOrAPicocliProperty() {
        Properties linux = new Properties();
        linux.setProperty("os.name", "Linux");
        assertThat(PlainHelp.picocliWouldPrintPlain(Map.of(), linux, false)).isTrue();
        assertThat(PlainHelp.picocliWouldPrintPlain(Map.of(), linux, true)).as("a terminal: colour, the window's width").isFalse();
        assertThat(PlainHelp.picocliWouldPrintPlain(Map.of("CLICOLOR_FORCE", "1"), linux, false)).isFalse();
        assertThat(PlainHelp.picocliWouldPrintPlain(Map.of("CLICOLOR_FORCE", "0"), linux, false)).isTrue();
        assertThat(PlainHelp.picocliWouldPrintPlain(Map.of("CLICOLOR_FORCE", "1", "NO_COLOR", ""), linux, false))
                .as("NO_COLOR wins").isTrue();
        assertThat(PlainHelp.picocliWouldPrintPlain(Map.of("CLICOLOR", "1", "TERM", "xterm-256color"), linux, false))
                .as("colour hints count only on a terminal").isTrue();

        Properties ansi = new Properties(linux);
        ansi.setProperty("picocli.ansi", "true");
        assertThat(PlainHelp.picocliWouldPrintPlain(Map.of(), ansi, false)).isFalse();
        Properties width = new Properties(linux);
        width.setProperty("picocli.usage.width", "120");
        assertThat(PlainHelp.picocliWouldPrintPlain(Map.of(), width, false)).isFalse();
        Properties windows = new Properties();
        windows.setProperty("os.name", "Windows 11");
        assertThat(PlainHelp.picocliWouldPrintPlain(Map.of(), windows, false)).isFalse();
    }

    private static String answer(String option) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(PlainHelp.answered(new String[] {option}, new PrintStream(out, true, StandardCharsets.UTF_8))).as(option).isTrue();
        return out.toString(StandardCharsets.UTF_8);
    }
}
