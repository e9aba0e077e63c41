package dev.aistorctl.inventory;

import static dev.aistorctl.inventory.Inventories.MINIMAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Small files that would cost minutes and gigabytes if expanded: each is refused within 2 s and
 * 256 MiB of allocation by the loading thread, at the place in the file that crosses the limit.
 */
class InventoryBombsTest {
    private static final Duration MAX_TIME = Duration.ofSeconds(2);
    private static final Duration MAX_WALL_TIME = Duration.ofSeconds(10);
    private static final long MAX_ALLOCATED = 256L * 1024 * 1024;
    private static final String HEAD = MINIMAL.substring(0, MINIMAL.indexOf("pools:")) + "pools:\n";

    @Test
    void aThousandCappedHostPatternsAreRefusedAtThePatternThatCrossesTheTotalCap() {
        StringBuilder text = new StringBuilder(HEAD);
        for (int i = 0; i < 1000; i++) {
            text.append("  - {name: p").append(i).append(", hosts: \"n").append(i)
                    .append("x{0000...9999}.example.net\", drives: {count: 4, mount: \"/mnt/drive{1...4}\"}}\n");
        }
        int firstPoolLine = HEAD.split("\n", -1).length;

        InvalidInventoryException e = refusedWithinBounds(text.toString());

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).isEqualTo("hosts: 'n1x{0000...9999}.example.net' takes the inventory to more than 10000 hosts");
            assertThat(p.line()).isEqualTo(firstPoolLine + 1);
            assertThat(p.column()).isEqualTo("  - {name: p1, hosts: ".length() + 1);
        });
    }

    @Test
    void aliasesOfALongPlainValueAreRefusedBeforeTheValueIsCheckedAgainAndAgain() {
        String value = "a".repeat(200_000);
        String text = HEAD + "  - name: p\n    drives: {count: 1, mount: /mnt/drive1}\n    hosts: [&v " + value
                + ", *v".repeat(110_000) + "]\n";

        InvalidInventoryException e = refusedWithinBounds(text);

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).isEqualTo("more than 16 aliases to plain values");
            assertThat(p.hint()).isEqualTo("an inventory needs no aliases; write the values out");
            assertThat(p.line()).isEqualTo(HEAD.split("\n", -1).length + 2);
            assertThat(p.column()).isEqualTo("    hosts: [&v ".length() + value.length() + 16 * ", *v".length() + 3);
        });
    }

    @Test
    void mountPatternsBeyondTheDrivesAHostMayHaveAreRefusedUnexpanded() {
        String text = HEAD + "  - name: p\n    hosts: n{1...4}.example.net\n    drives:\n      count: 4\n      mount: ["
                + "\"/m{0000...9999}/x\", ".repeat(5_000) + "/y]\n";

        InvalidInventoryException e = refusedWithinBounds(text);

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).isEqualTo("mount of pool 'p' gives more than 99 paths");
            assertThat(p.line()).isEqualTo(HEAD.split("\n", -1).length + 4);
            assertThat(p.column()).isEqualTo("      mount: [".length() + 1);
        });
    }

    /** Loads on this thread, timed and with the thread's allocation measured, and returns the refusal. */
    private static InvalidInventoryException refusedWithinBounds(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertThat(bytes.length).isLessThanOrEqualTo(InventoryLoader.MAX_BYTES);
        // Preemptive only so that a regression fails the build instead of hanging it; the bounds are below.
        return assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            // Loading classes is the JVM's start, not the bomb's cost: a valid inventory first, unmeasured.
            InventoryLoader.parse(Path.of("inventory.yaml"), MINIMAL.getBytes(StandardCharsets.UTF_8));
            var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long id = Thread.currentThread().getId();
            long allocatedBefore = threads.getThreadAllocatedBytes(id);
            long start = System.nanoTime();
            long cpu0 = threads.getCurrentThreadCpuTime();

            InvalidInventoryException e = catchThrowableOfType(InvalidInventoryException.class,
                    () -> InventoryLoader.parse(Path.of("inventory.yaml"), bytes));

            Duration took = Duration.ofNanos(System.nanoTime() - start);
            long cpu = threads.getCurrentThreadCpuTime() - cpu0;
            long allocated = threads.getThreadAllocatedBytes(id) - allocatedBefore;
            assertThat(e).as("refused").isNotNull();
            // The bound is on the loading thread's own time: on a shared build machine the wall clock also counts
            // the time of other processes; the wall clock here only guards against a hang.
            assertThat(Duration.ofNanos(cpu)).as("CPU time to refuse").isLessThanOrEqualTo(MAX_TIME);
            assertThat(took).as("wall-clock time to refuse").isLessThanOrEqualTo(MAX_WALL_TIME);
            assertThat(allocated).as("bytes allocated to refuse").isLessThanOrEqualTo(MAX_ALLOCATED);
            return e;
        });
    }
}
