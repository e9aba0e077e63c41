package dev.aistorctl.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnifiedDiffTest {

    @Test
    void aNewFileIsShownInFull() {
        assertThat(UnifiedDiff.of("/etc/default/minio", null, "A=1\nB=2\n"))
                .isEqualTo("--- /dev/null\n+++ /etc/default/minio\n@@ -0,0 +1,2 @@\n+A=1\n+B=2\n");
    }

    @Test
    void aChangedLineIsAHunkWithThreeLinesOfContextAsDiffUPrintsIt() {
        String before = "1\n2\n3\n4\nMINIO_VOLUMES=old\n6\n7\n8\n9\n";
        String after = "1\n2\n3\n4\nMINIO_VOLUMES=new\n6\n7\n8\n9\n";
        assertThat(UnifiedDiff.of("f", before, after)).isEqualTo("--- f\n+++ f\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-MINIO_VOLUMES=old\n+MINIO_VOLUMES=new\n 6\n 7\n 8\n");
    }

    @Test
    void changesFarApartAreHunksOfTheirOwn() {
        StringBuilder before = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            before.append(i).append('\n');
        }
        String after = before.toString().replace("\n2\n", "\ntwo\n").replace("\n19\n", "\nnineteen\n");
        String diff = UnifiedDiff.of("f", before.toString(), after);
        assertThat(diff).contains("@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n", "@@ -16,5 +16,5 @@\n 16\n 17\n 18\n-19\n+nineteen\n 20\n");
    }

    @Test
    void equalTextsHaveNoDiff() {
        assertThat(UnifiedDiff.of("f", "a\n", "a\n")).isEmpty();
    }
}
