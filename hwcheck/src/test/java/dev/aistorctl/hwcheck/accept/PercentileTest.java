package dev.aistorctl.hwcheck.accept;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Nearest-rank percentiles: always a measured figure, whatever the order the requests completed in. */
class PercentileTest {
    private static List<Double> oneTo(int n) {
        List<Double> v = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            v.add((double) i);
        }
        Collections.shuffle(v, new java.util.Random(7));
        return v;
    }

    @Test
    void theMedianAndP99OfAHundredFiguresAreTheFiftiethAndTheNinetyNinth() {
        assertThat(Percentile.of(oneTo(100), 50)).isEqualTo(50.0);
        assertThat(Percentile.of(oneTo(100), 99)).isEqualTo(99.0);
        assertThat(Percentile.of(oneTo(100), 100)).isEqualTo(100.0);
    }

    @Test
    void withFewerThanAHundredFiguresP99IsTheSlowest() {
        assertThat(Percentile.of(oneTo(40), 99)).isEqualTo(40.0);
        assertThat(Percentile.of(oneTo(40), 50)).isEqualTo(20.0);
        assertThat(Percentile.of(List.of(7.5), 99)).isEqualTo(7.5);
        assertThat(Percentile.of(List.of(7.5), 50)).isEqualTo(7.5);
    }

    @Test
    void anEvenCountTakesTheLowerMiddleNotTheirMean() {
        assertThat(Percentile.of(List.of(10.0, 40.0, 20.0, 30.0), 50)).isEqualTo(20.0);
        assertThat(Percentile.of(List.of(3.0, 1.0), 50)).isEqualTo(1.0);
    }

    @Test
    void aLongTailShowsInP99NotInP50() {
        List<Double> v = new ArrayList<>(Collections.nCopies(198, 100.0));
        v.add(2000.0);
        v.add(3000.0);
        assertThat(Percentile.of(v, 50)).isEqualTo(100.0);
        assertThat(Percentile.of(v, 99)).isEqualTo(100.0);
        v.add(4000.0);
        assertThat(Percentile.of(v, 99)).isEqualTo(2000.0);
    }

    @Test
    void noFiguresOrAPercentOutsideTheRangeIsRefused() {
        assertThatThrownBy(() -> Percentile.of(List.of(), 50)).hasMessageContaining("no figures");
        assertThatThrownBy(() -> Percentile.of(List.of(1.0), 0)).hasMessageContaining("(0, 100]");
        assertThatThrownBy(() -> Percentile.of(List.of(1.0), 101)).hasMessageContaining("(0, 100]");
    }
}
