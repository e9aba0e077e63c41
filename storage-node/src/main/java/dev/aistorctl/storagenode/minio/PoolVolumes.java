package dev.aistorctl.storagenode.minio;

import dev.aistorctl.core.text.ByteSize;
import dev.aistorctl.inventory.ErasureLayout;
import java.util.List;
import java.util.Optional;

/**
 * One server pool as MinIO will be told about it, with what the plan shows about it.
 *
 * @param pool         the pool's name in the inventory
 * @param hosts        host names as MinIO addresses them (not the SSH addresses)
 * @param dataDirs     the directory MinIO serves on each drive, {@code <mount>/minio}, in drive order
 * @param drivePattern {@code dataDirs} in MinIO notation, e.g. {@code /mnt/drive{1...8}/minio}
 * @param argument     the pool's argument in MINIO_VOLUMES, or empty in the config-file form
 * @param layout       erasure sets and parity MinIO will choose (MinIO's default parity for the set size)
 * @param usableBytes  usable capacity at default parity, when the inventory bounds drive size
 */
public record PoolVolumes(String pool, List<String> hosts, List<String> dataDirs, String drivePattern, Optional<String> argument,
                          ErasureLayout layout, Optional<Long> rawBytes, Optional<Long> usableBytes) {
    public PoolVolumes {
        hosts = List.copyOf(hosts);
        dataDirs = List.copyOf(dataDirs);
    }

    /**
     * The data directories as the node step creates them on a mounted drive: owned by minio-user,
     * the only account that writes there; 0750 so other local users cannot read object data.
     */
    public List<ManagedFile> dataDirFiles() {
        return dataDirs.stream().map(d -> new ManagedFile(d, "0750", MinioPaths.USER, MinioPaths.GROUP)).toList();
    }

    /** Usable bytes when every drive holds {@code driveBytes}, once drive discovery knows the size. */
    public long usableBytes(long driveBytes) {
        return layout.usableBytes(driveBytes);
    }

    /** One line for a plan: {@code pool1: 8 hosts x 8 drives, 4 sets of 16 drives, EC:4, 737.28 TB usable}. */
    public String summary() {
        StringBuilder out = new StringBuilder(pool).append(": ")
                .append(hosts.size()).append(hosts.size() == 1 ? " host x " : " hosts x ")
                .append(dataDirs.size()).append(dataDirs.size() == 1 ? " drive, " : " drives, ")
                .append(layout);
        usableBytes.ifPresent(b -> out.append(", ").append(ByteSize.decimal(b)).append(" usable"));
        return out.toString();
    }
}
