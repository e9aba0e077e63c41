package dev.aistorctl.storagenode.drives;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The XFS label aistorctl gives a data drive: {@code TTTTTTTTdNN}, 11 characters (XFS allows 12):
 * {@code TTTTTTTT} is the cluster tag, the first 8 hex digits of SHA-256 of the cluster name as
 * written in the inventory, and {@code NN} the drive's index in its pool's mount list, 01 to 99
 * ({@code /mnt/drive3} is {@code d03}). A hash and not the name's first letters, so clusters named
 * "prod-east-1" and "prod-east-2" never read each other's drives as their own. The label is the
 * first half of ownership; the marker file {@link DriveMarker} in the filesystem root is the second,
 * checked when the filesystem is mounted.
 */
public record DriveLabel(String clusterTag, int index) {
    private static final Pattern FORM = Pattern.compile("([0-9a-f]{8})d([0-9]{2})");
    public static final int MAX_INDEX = 99;

    public DriveLabel {
        if (!clusterTag.matches("[0-9a-f]{8}")) {
            throw new IllegalArgumentException("a cluster tag is 8 lowercase hex digits: " + clusterTag);
        }
        if (index < 1 || index > MAX_INDEX) {
            throw new IllegalArgumentException("a drive index is 1 to " + MAX_INDEX + ": " + index);
        }
    }

    /** The label of drive {@code index} (1-based) of the cluster named {@code cluster}. */
    public static DriveLabel of(String cluster, int index) {
        return new DriveLabel(clusterTag(cluster), index);
    }

    public static String clusterTag(String cluster) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(cluster.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** A label of this scheme, whichever cluster it names; empty for any other label. */
    public static Optional<DriveLabel> parse(String label) {
        if (label == null) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(label);
        if (!m.matches() || Integer.parseInt(m.group(2)) < 1) {
            return Optional.empty();
        }
        return Optional.of(new DriveLabel(m.group(1), Integer.parseInt(m.group(2))));
    }

    public boolean belongsTo(String cluster) {
        return clusterTag.equals(clusterTag(cluster));
    }

    public String text() {
        return clusterTag + "d" + String.format("%02d", index);
    }

    @Override
    public String toString() {
        return text();
    }
}
