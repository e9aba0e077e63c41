package dev.aistorctl.facts;

import dev.aistorctl.facts.facts.CpuFacts;

/** Fills what one CPU source left unknown from another, never overriding a known value. */
final class CpuMerge {
    private CpuMerge() {
    }

    static CpuFacts fill(CpuFacts a, CpuFacts b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return new CpuFacts(or(a.architecture(), b.architecture()), or(a.vendor(), b.vendor()),
                or(a.modelName(), b.modelName()), or(a.sockets(), b.sockets()), or(a.coresPerSocket(), b.coresPerSocket()),
                or(a.cores(), b.cores()), or(a.threads(), b.threads()), or(a.maxMhz(), b.maxMhz()),
                or(a.minMhz(), b.minMhz()), or(a.threadsPerCore(), b.threadsPerCore()), or(a.numaNodes(), b.numaNodes()),
                or(a.coreType(), b.coreType()), or(a.biosVendor(), b.biosVendor()),
                or(a.biosModelName(), b.biosModelName()), or(a.flags(), b.flags()));
    }

    private static <T> T or(T a, T b) {
        return a != null ? a : b;
    }
}
