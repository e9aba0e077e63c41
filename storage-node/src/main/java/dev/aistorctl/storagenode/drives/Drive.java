package dev.aistorctl.storagenode.drives;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.aistorctl.facts.parse.SignaturesParser.Signature;
import java.util.List;

/**
 * One top-level block device of a host with everything drive eligibility looks at, merged from
 * lsblk, sysfs, the mount table, fstab, /proc/swaps and the on-disk signature probe. A value no
 * source told is null.
 *
 * @param partitions     names of its partitions
 * @param holders        devices built on it or on its partitions (md0, vg0-data, dm-0)
 * @param mounts         every mount point on it, its partitions or holders
 * @param swap           active swap on it, its partitions or holders; null when unknown
 * @param fstab          /etc/fstab mount points (or "swap") naming it, its partitions or holders
 * @param signatures     what the on-disk probe found on the whole device; empty when probed and blank
 * @param signaturesProbed whether the probe ran on this device; when false the device may carry anything
 * @param probeError     why the probe failed, when it did
 * @param backingFile    the file behind a loop device (its identity, as a serial is a disk's); null otherwise
 * @param fingerprint    see {@link DriveFingerprint}
 */
public record Drive(
        @JsonProperty("name") String name,
        @JsonProperty("path") String path,
        @JsonIgnore DriveKind kind,
        @JsonProperty("model") String model,
        @JsonProperty("serial") String serial,
        @JsonProperty("wwn") String wwn,
        @JsonProperty("size_bytes") Long sizeBytes,
        @JsonProperty("transport") String transport,
        @JsonProperty("rotational") Boolean rotational,
        @JsonProperty("read_only") Boolean readOnly,
        @JsonProperty("removable") Boolean removable,
        @JsonProperty("pci_address") String pciAddress,
        @JsonProperty("backing_file") String backingFile,
        @JsonProperty("partitions") List<String> partitions,
        @JsonProperty("holders") List<String> holders,
        @JsonProperty("mounts") List<MountRef> mounts,
        @JsonProperty("swap") Boolean swap,
        @JsonProperty("fstab") List<String> fstab,
        @JsonProperty("fstype") String fstype,
        @JsonProperty("label") String label,
        @JsonProperty("fs_uuid") String fsUuid,
        @JsonProperty("signatures") List<Signature> signatures,
        @JsonProperty("signatures_probed") boolean signaturesProbed,
        @JsonProperty("probe_error") String probeError,
        @JsonProperty("fingerprint") String fingerprint) {

    public Drive {
        partitions = List.copyOf(partitions);
        holders = List.copyOf(holders);
        mounts = List.copyOf(mounts);
        fstab = List.copyOf(fstab);
        signatures = List.copyOf(signatures);
    }

    @JsonProperty("kind")
    public String kindName() {
        return kind.json();
    }

    Drive withFingerprint(String value) {
        return new Drive(name, path, kind, model, serial, wwn, sizeBytes, transport, rotational, readOnly, removable,
                pciAddress, backingFile, partitions, holders, mounts, swap, fstab, fstype, label, fsUuid, signatures,
                signaturesProbed, probeError, value);
    }
}
