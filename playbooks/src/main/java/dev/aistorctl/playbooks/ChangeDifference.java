package dev.aistorctl.playbooks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How the changes planned earlier differ from the changes planned now, per thing changed (by
 * {@link ChangeKey} kind and subject): for a drive, "/dev/loop42: planned fingerprint 0a1b..., now
 * fingerprint 9f8e... (blank; image /srv/other.img, ...)". Used wherever a plan is held to an earlier
 * one: the runner against a reviewed plan, a step against its own plan at apply time.
 */
public final class ChangeDifference {
    private ChangeDifference() {
    }

    /** Every difference, empty when the two lists hold the same changes in the same order. */
    public static List<String> between(List<Change> planned, List<Change> now) {
        if (planned.equals(now)) {
            return List.of();
        }
        Map<String, List<Change>> before = bySubject(planned);
        Map<String, List<Change>> after = bySubject(now);
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, List<Change>> e : before.entrySet()) {
            List<Change> was = e.getValue();
            List<Change> is = after.get(e.getKey());
            String subject = was.get(0).key().subject();
            if (is == null) {
                out.add(subject + " was planned (" + was.stream().map(ChangeDifference::text)
                        .collect(Collectors.joining("; ")) + ") and is no longer");
            } else if (!is.equals(was)) {
                out.add(subject + ": " + differs(was, is));
            }
        }
        for (Map.Entry<String, List<Change>> e : after.entrySet()) {
            if (!before.containsKey(e.getKey())) {
                out.add(e.getValue().get(0).key().subject() + " would now be " + verb(e.getValue().get(0).key())
                        + " but was not planned ("
                        + e.getValue().stream().map(ChangeDifference::text).collect(Collectors.joining("; ")) + ")");
            }
        }
        if (out.isEmpty()) {
            out.add("the planned changes differ in order");
        }
        return out;
    }

    private static String differs(List<Change> was, List<Change> is) {
        ChangeKey k0 = was.get(0).key();
        ChangeKey k1 = is.get(0).key();
        if (!k0.attributes().equals(k1.attributes())) {
            Map<String, String> a0 = new LinkedHashMap<>();
            Map<String, String> a1 = new LinkedHashMap<>();
            k0.attributes().forEach((n, v) -> {
                if (!v.equals(k1.attributes().get(n))) {
                    a0.put(n, v);
                }
            });
            k1.attributes().forEach((n, v) -> {
                if (!v.equals(k0.attributes().get(n))) {
                    a1.put(n, v);
                }
            });
            return "planned " + attributes(a0) + ", now " + attributes(a1) + " (" + is.get(0).before() + ")";
        }
        return "planned " + was.stream().map(ChangeDifference::text).collect(Collectors.joining("; "))
                + ", now " + is.stream().map(ChangeDifference::text).collect(Collectors.joining("; "));
    }

    /** What a change of this kind does to its subject, for "would now be formatted but was not planned". */
    private static String verb(ChangeKey key) {
        return switch (key.kind()) {
            case "drive" -> "formatted";
            case "data directory" -> "emptied";
            default -> "changed";
        };
    }

    private static String attributes(Map<String, String> a) {
        return a.isEmpty() ? "nothing" : a.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String text(Change c) {
        return (c.destructive() ? "DESTRUCTIVE " : "") + c.what() + ": " + c.before() + " -> " + c.after();
    }

    private static Map<String, List<Change>> bySubject(List<Change> changes) {
        Map<String, List<Change>> out = new LinkedHashMap<>();
        for (Change c : changes) {
            out.computeIfAbsent(c.key().kind() + "\u0000" + c.key().subject(), k -> new ArrayList<>()).add(c);
        }
        return out;
    }
}
