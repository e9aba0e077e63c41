package dev.aistorctl.playbooks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link Change} is about, as data rather than prose: the kind of thing ({@code drive},
 * {@code sysctl}, {@code file}, {@code unit}, ...), the thing itself ({@code /dev/nvme1n1},
 * {@code net.core.somaxconn}, {@code /etc/default/minio}) and the attributes that make it that very
 * thing (a drive's serial and fingerprint). A reviewed plan and a plan made again at apply time are
 * compared by these keys, so a step never reads its own display text back.
 *
 * @param attributes in display order; compared as a map
 */
public record ChangeKey(String kind, String subject, Map<String, String> attributes) {

    public ChangeKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        attributes = attributes == null || attributes.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    public static ChangeKey of(String kind, String subject) {
        return new ChangeKey(kind, subject, Map.of());
    }

    /** This key with one more attribute; a null value is written {@code -}, so "no serial" is an attribute too. */
    public ChangeKey with(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(attributes);
        more.put(name, value == null ? "-" : value);
        return new ChangeKey(kind, subject, more);
    }
}
