package dev.aistorctl.playbooks;

import dev.aistorctl.core.UsageException;
import java.util.ArrayList;
import java.util.List;

/**
 * Rolling batches: {@code N} hosts or {@code N%} of the hosts at a time, each batch finished before the next
 * starts. A percentage rounds down but never below one host.
 */
public record Serial(int count, boolean percent) {

    public static final Serial ALL = new Serial(100, true);

    public Serial {
        if (count < 1 || (percent && count > 100)) {
            throw new UsageException("--serial must be a number of hosts (at least 1) or a percentage from 1% to 100%, was "
                    + count + (percent ? "%" : ""));
        }
    }

    public static Serial parse(String text) {
        String t = text.strip();
        boolean percent = t.endsWith("%");
        String number = percent ? t.substring(0, t.length() - 1) : t;
        try {
            return new Serial(Integer.parseInt(number), percent);
        } catch (NumberFormatException e) {
            throw new UsageException("--serial takes N or N%, e.g. 2 or 25%, not '" + text + "'");
        }
    }

    public int batchSize(int hosts) {
        if (!percent) {
            return Math.max(1, Math.min(count, hosts));
        }
        return Math.max(1, hosts * count / 100);
    }

    public <T> List<List<T>> batches(List<T> hosts) {
        int size = batchSize(hosts.size());
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i += size) {
            out.add(List.copyOf(hosts.subList(i, Math.min(hosts.size(), i + size))));
        }
        return out;
    }

    @Override
    public String toString() {
        return count + (percent ? "%" : "");
    }
}
