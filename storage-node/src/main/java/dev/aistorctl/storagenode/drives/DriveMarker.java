package dev.aistorctl.storagenode.drives;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.aistorctl.core.Json;
import java.time.Instant;

/**
 * {@code .aistorctl-drive.json} in the root of every filesystem aistorctl makes: the second half of
 * ownership after the {@link DriveLabel}. The label can be read without mounting; the marker names
 * the cluster in full and the drive by serial, so a drive moved to another server or another slot
 * is recognised as such, not taken for the drive that used to be there.
 *
 * @param created ISO-8601 instant of the mkfs
 */
public record DriveMarker(
        @JsonProperty("format") String format,
        @JsonProperty("cluster") String cluster,
        @JsonProperty("cluster_tag") String clusterTag,
        @JsonProperty("index") int index,
        @JsonProperty("label") String label,
        @JsonProperty("serial") String serial,
        @JsonProperty("wwn") String wwn,
        @JsonProperty("size_bytes") Long sizeBytes,
        @JsonProperty("fs_uuid") String fsUuid,
        @JsonProperty("created") String created) {

    public static final String FILE_NAME = ".aistorctl-drive.json";
    public static final String FORMAT = "aistorctl-drive/1";

    /** The marker for drive {@code index} of {@code cluster}, made now. */
    public static DriveMarker of(String cluster, int index, Drive drive, String fsUuid, Instant created) {
        DriveLabel label = DriveLabel.of(cluster, index);
        return new DriveMarker(FORMAT, cluster, label.clusterTag(), index, label.text(), drive.serial(), drive.wwn(),
                drive.sizeBytes(), fsUuid, created.toString());
    }

    public String toJson() {
        try {
            return Json.pretty().writeValueAsString(this) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the drive marker", e);
        }
    }

    /** @throws IllegalArgumentException when the text is not a marker of a format this version reads */
    public static DriveMarker parse(String text) {
        DriveMarker m;
        try {
            m = Json.lenientReader(DriveMarker.class).readValue(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(FILE_NAME + " is not JSON: " + e.getOriginalMessage(), e);
        }
        if (!FORMAT.equals(m.format())) {
            throw new IllegalArgumentException(FILE_NAME + " has format '" + m.format() + "', expected " + FORMAT);
        }
        return m;
    }

    /** Whether this marker says the drive is drive {@code index} of {@code cluster} and is the drive with this serial. */
    public boolean confirms(String cluster, int index, Drive drive) {
        return cluster.equals(this.cluster) && index == this.index
                && (serial == null ? drive.serial() == null : serial.equals(drive.serial()));
    }
}
