package dev.aistorctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The board as a terminal shows it: given events, the frames, and the screen the written bytes leave. */
class LiveBoardTest {
    private final StringWriter written = new StringWriter();
    private final PrintWriter err = new PrintWriter(written);
    private final AtomicLong nanos = new AtomicLong();
    private final AtomicInteger columns = new AtomicInteger(80);
    private final AtomicInteger rows = new AtomicInteger(24);
    private final Object screen = new Object();

    private LiveBoard board(List<String> hosts, List<String> parts) {
        return new LiveBoard(parts.isEmpty() ? "drives" : "node", hosts, parts, err, screen, nanos::get, columns::get, rows::get);
    }

    private void seconds(double s) {
        nanos.addAndGet((long) (s * 1e9));
    }

    @Test
    void aLinePerHostWithItsStepItsElapsedSecondsAndThenItsOutcome() {
        LiveBoard b = board(List.of("node1", "node2", "node10"), List.of());
        assertThat(b.frame()).containsExactly(
                "node1   drives  waiting",
                "node2   drives  waiting",
                "node10  drives  waiting");
        b.started("node1", null);
        b.started("node2", null);
        b.step("node1", 2, 3, "mounted");
        seconds(4.2);
        b.finished("node2", "drives changed", Duration.ofMillis(4200));
        assertThat(b.frame()).as("the phase is named once").containsExactly(
                "node1   drives  step 2/3 mounted  4s",
                "node2   drives  changed (4.2s)",
                "node10  drives  waiting");
    }

    @Test
    void anUploadShowsItsBytesAndPercentage() {
        LiveBoard b = board(List.of("node1"), List.of("node-install", "node-start"));
        b.started("node1", "node-install");
        b.step("node1", 3, 9, "node binary");
        b.bytes("node1", 48L << 20, 192L << 20);
        seconds(2);
        assertThat(b.frame()).containsExactly("node1  node-install  step 3/9 node binary  48.0 MiB of 192.0 MiB 25%  2s");
        b.finished("node1", "changed", Duration.ofSeconds(9));
        b.started("node1", "node-start");
        b.step("node1", 1, 2, "service");
        assertThat(b.frame()).containsExactly("node1  node-start    step 1/2 service  2s");
        b.finished("node1", "changed", Duration.ofSeconds(3));
        assertThat(b.frame()).containsExactly("node1  node          node-install changed (9.0s), node-start changed (3.0s)");
    }

    @Test
    void onANarrowTerminalEveryLineIsCutToTheWidthNeverWrapped() {
        columns.set(20);
        LiveBoard b = board(List.of("node1"), List.of());
        b.started("node1", null);
        b.step("node1", 1, 3, "data drives are XFS with this cluster's labels");
        assertThat(b.frame()).containsExactly("node1  drives  ste…");
        assertThat(b.frame().get(0)).hasSize(19);
    }

    @Test
    void moreHostsThanRowsShowsWhatFitsAndCountsTheRest() {
        rows.set(4);
        LiveBoard b = board(List.of("n1", "n2", "n3", "n4", "n5"), List.of());
        b.finished("n5", "changed", Duration.ofSeconds(1));
        assertThat(b.frame()).containsExactly("n1  drives  waiting", "n2  drives  waiting", "… 3 more hosts; 1 of 5 done");
    }

    @Test
    void theScreenHoldsOneBoardRedrawnInPlaceWithLinesAboveItAndItsFinalStateOnceAtTheEnd() {
        LiveBoard b = board(List.of("node1", "node2"), List.of());
        synchronized (screen) {
            b.draw();
        }
        b.started("node1", null);
        b.step("node1", 1, 2, "format");
        synchronized (screen) {
            b.draw();
            b.erase();
            err.println("run 1234: prepare drives on 2 hosts");
            b.draw();
        }
        seconds(1.5);
        b.finished("node1", "changed", Duration.ofMillis(1500));
        b.finished("node2", "changed", Duration.ofMillis(1400));
        b.close();
        b.close();
        err.println("next line");
        err.flush();
        assertThat(Screen.of(written.toString())).containsExactly(
                "run 1234: prepare drives on 2 hosts",
                "node1  drives  changed (1.5s)",
                "node2  drives  changed (1.4s)",
                "next line");
        assertThat(written.toString()).as("only cursor moves and erases, no colour with colours off").doesNotContain("m\u001b", "\u001b[0m");
    }

    @Test
    void colouredOutcomesAreCutByWhatShowsAndEndTheirColour() {
        assertThat(Cut.toWidth("ab\u001b[32mchanged\u001b[0m", 80)).isEqualTo("ab\u001b[32mchanged\u001b[0m");
        assertThat(Cut.toWidth("ab\u001b[32mchanged\u001b[0m", 6)).isEqualTo("ab\u001b[32mch…\u001b[0m");
        assertThat(Cut.toWidth("abcdef", 7)).isEqualTo("abcdef");
        assertThat(Cut.toWidth("abcdefg", 7)).isEqualTo("abcde…");
    }

    /**
     * What a terminal shows after the bytes: printable text, CR, LF (a terminal's CR LF), cursor up, erase line and
     * erase to its end; any other sequence (erase the screen: the board must not, it fills the scrollback) fails.
     */
    static final class Screen {
        static List<String> of(String bytes) {
            List<StringBuilder> lines = new ArrayList<>(List.of(new StringBuilder()));
            int row = 0;
            int col = 0;
            for (int i = 0; i < bytes.length(); i++) {
                char c = bytes.charAt(i);
                if (c == '\u001b') {
                    int end = i + 2;
                    while (!Character.isLetter(bytes.charAt(end))) {
                        end++;
                    }
                    String n = bytes.substring(i + 2, end);
                    switch (bytes.charAt(end)) {
                        case 'A' -> row = Math.max(0, row - (n.isEmpty() ? 1 : Integer.parseInt(n)));
                        case 'K' -> lines.get(row).setLength(n.equals("2") ? 0 : Math.min(col, lines.get(row).length()));
                        case 'm' -> { }
                        default -> throw new AssertionError("unexpected escape " + bytes.substring(i, end + 1));
                    }
                    i = end;
                } else if (c == '\r') {
                    col = 0;
                } else if (c == '\n') {
                    row++;
                    col = 0;
                    if (lines.size() <= row) {
                        lines.add(new StringBuilder());
                    }
                } else {
                    StringBuilder line = lines.get(row);
                    while (line.length() < col) {
                        line.append(' ');
                    }
                    if (col < line.length()) {
                        line.setCharAt(col, c);
                    } else {
                        line.append(c);
                    }
                    col++;
                }
            }
            List<String> out = new ArrayList<>(lines.stream().map(StringBuilder::toString).toList());
            while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
                out.remove(out.size() - 1);
            }
            return out;
        }
    }
}
