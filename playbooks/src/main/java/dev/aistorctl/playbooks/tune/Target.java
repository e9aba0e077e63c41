package dev.aistorctl.playbooks.tune;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One thing a tuning step makes true on a host, with its value now.
 *
 * @param id       the key in the record of original values, e.g. {@code sysctl vm.swappiness}
 * @param label    how plans name it, e.g. {@code sysctl vm.swappiness}
 * @param group    for many alike targets shown as one change (a governor per CPU), the plan's label with
 *                 {@code %d} for their count; null to show each
 * @param current  the value now; null when the file or link is absent
 * @param wanted   the value to make true; null means "absent" (files and links)
 * @param leave    why this target is left alone on this host (not applicable), or null
 */
record Target(Kind kind, String id, String label, String group, String path, String current, String wanted, String leave) {

    /** How a target is read and changed. */
    enum Kind {
        /** A sysctl or sysfs value: written as text to its file. */
        VALUE,
        /** A whole file we own (mode 0644), or its absence. */
        FILE,
        /** A symbolic link (a systemd unit enabled for boot), or its absence. */
        LINK,
        /** A network link's MTU, set with ip(8): sysfs is read-only in containers and ip is what admins use. */
        MTU
    }

    Target {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
    }

    static Target value(String id, String label, String path, String current, String wanted) {
        return new Target(Kind.VALUE, id, label, null, path, current, wanted, null);
    }

    static Target notApplicable(String id, String label, String path, String current, String because) {
        return new Target(Kind.VALUE, id, label, null, path, current, null, because);
    }

    static Target file(String path, String current, String wanted) {
        return new Target(Kind.FILE, "file " + path, path, null, path, current, wanted, null);
    }

    static Target link(String path, String current, String wanted) {
        return new Target(Kind.LINK, "link " + path, path, null, path, current, wanted, null);
    }

    Target grouped(String groupLabel) {
        return new Target(kind, id, label, groupLabel, path, current, wanted, leave);
    }

    boolean applicable() {
        return leave == null;
    }

    /** Whether {@code value} is what this target holds now (values compare whitespace-normalised). */
    boolean holds(String value) {
        if (value == null || current == null) {
            return value == current;
        }
        return kind == Kind.VALUE || kind == Kind.MTU
                ? TuningProfiles.normalise(current).equals(TuningProfiles.normalise(value))
                : current.equals(value);
    }

    /** A value as plans show it: files by size and digest, since they can be long. */
    String show(String value) {
        if (value == null) {
            return "(absent)";
        }
        if (kind != Kind.FILE) {
            return value;
        }
        long lines = value.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).count();
        return lines + " setting line" + (lines == 1 ? "" : "s") + ", sha256 " + sha(value);
    }

    private static String sha(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
