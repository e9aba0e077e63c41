package dev.aistorctl.storagenode.drives;

import dev.aistorctl.facts.parse.SignaturesParser.Signature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;

/**
 * A short hash of everything that makes a drive "this drive in this state": serial, WWN, model,
 * size, partitions, holders, mounts, swap and what is on the disk. A plan names each drive by it;
 * apply re-probes and refuses when it differs, so a swapped disk, a new partition or a filesystem
 * someone made since the plan is never formatted by a stale plan. The path is always part of it: a
 * serial does not name one device (NVMe namespaces share their controller's, a dual-path disk shows
 * twice), so two devices never share a fingerprint. A loop device's backing file is part of it too
 * (another image attached at the same path is another drive).
 * Sets are sorted so the order tools print them in does not matter.
 */
public final class DriveFingerprint {
    /** Bump when the canonical text changes, so old and new fingerprints never compare equal by accident. */
    static final String VERSION = "aistorctl-drive-fingerprint/2";

    private DriveFingerprint() {
    }

    /** 16 hex digits (64 bits of SHA-256): plenty to tell states of one drive apart. */
    public static String of(Drive d) {
        return hash(canonical(d));
    }

    /** The exact text that is hashed, one field a line; shown by tests and useful when two fingerprints differ. */
    public static String canonical(Drive d) {
        StringBuilder t = new StringBuilder(VERSION).append('\n');
        line(t, "serial", d.serial());
        line(t, "wwn", d.wwn());
        line(t, "model", d.model());
        line(t, "size", d.sizeBytes());
        line(t, "path", d.path());
        if (d.backingFile() != null) {
            line(t, "backing_file", d.backingFile());
        }
        line(t, "partitions", String.join(",", new TreeSet<>(d.partitions())));
        line(t, "holders", String.join(",", new TreeSet<>(d.holders())));
        TreeSet<String> mounts = new TreeSet<>();
        d.mounts().forEach(m -> mounts.add(m.mountPoint()));
        line(t, "mounts", String.join(",", mounts));
        line(t, "swap", d.swap());
        if (d.signaturesProbed()) {
            TreeSet<String> signatures = new TreeSet<>();
            for (Signature s : d.signatures()) {
                // a signature found where a partition started says so; the whole-device ones read as they always did
                signatures.add(s.type() + "|" + s.offset() + "|" + s.uuid() + "|" + s.label()
                        + (s.partitionStart() == null ? "" : "|at " + s.partitionStart()));
            }
            line(t, "signatures", String.join(";", signatures));
        } else {
            line(t, "signatures", "unprobed");
            line(t, "fs", d.fstype() + "|" + d.fsUuid() + "|" + d.label());
        }
        return t.toString();
    }

    private static void line(StringBuilder t, String key, Object value) {
        t.append(key).append('=').append(value == null ? "?" : value.toString()).append('\n');
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    static List<String> fields() {
        return List.of("serial", "wwn", "model", "size", "path", "partitions", "holders", "mounts", "swap", "signatures");
    }
}
