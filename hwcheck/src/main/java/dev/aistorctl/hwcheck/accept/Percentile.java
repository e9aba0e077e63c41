package dev.aistorctl.hwcheck.accept;

import java.util.List;

/**
 * Latency percentiles by the nearest-rank method: the p-th percentile of n figures is the smallest one
 * that at least p % of them do not exceed (rank ⌈p/100 × n⌉ of the sorted figures). Always one of the
 * measured figures, never an interpolation: a p99 of 40 requests is the slowest but one, as it should be.
 */
public final class Percentile {
    private Percentile() {
    }

    /** @param p in (0, 100] */
    public static double of(List<Double> values, double p) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a percentile of no figures");
        }
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("a percentile must be in (0, 100], was " + p);
        }
        List<Double> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(1, rank) - 1);
    }
}
