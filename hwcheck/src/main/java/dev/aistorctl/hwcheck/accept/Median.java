package dev.aistorctl.hwcheck.accept;

import java.util.List;

/** The median of measured figures: the middle one, or the mean of the two middle ones. */
public final class Median {
    private Median() {
    }

    public static double of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("the median of no figures");
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }
}
