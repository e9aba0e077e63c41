package dev.aistorctl.workflows.text;

import java.util.ArrayList;
import java.util.List;

import dev.aistorctl.storagenode.minio.Ellipses;

/**
 * Several names written as few: each run of consecutive numbers in one position becomes a range in the
 * notation the inventory and MinIO use ({@code node{01...08}}), runs are joined by commas, and names
 * that fall into no run stay as they are ({@code node{01...03},node05,db1}).
 */
public final class HostRange {
    private HostRange() {
    }

    /** The names in the order given, as few ranges as that order allows. */
    public static String of(List<String> names) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        while (start < names.size()) {
            int end = start + 1;
            String part = names.get(start);
            // The longest run from here that one range stands for exactly.
            while (end < names.size()) {
                var wider = Ellipses.compress(names.subList(start, end + 1));
                if (wider.isEmpty()) {
                    break;
                }
                part = wider.get();
                end++;
            }
            parts.add(part);
            start = end;
        }
        return String.join(",", parts);
    }
}
