package dev.aistorctl.storagenode.minio;

import dev.aistorctl.templates.Templates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * AIStor's YAML startup configuration file, {@code version: v3}
 * (https://docs.min.io/aistor/reference/aistor-server/configuration-file/): {@code pools}, each a
 * list of {@code nodes} with their {@code addresses} and drive {@code path}. It is written only
 * for clusters whose hosts MINIO_VOLUMES cannot express, and holds only the pools: ports and the
 * license stay in MINIO_OPTS and the credentials in the environment file, so each value has one
 * home and the file holds no secret.
 *
 * <p>Every host gets its own node entry with a single address. The v3 schema also lets one entry
 * carry several addresses (brace lists, multi-NIC); one address per entry reads the same under
 * either reading and lists the hosts exactly as the inventory does.
 */
public final class StartupConfig {
    private static final Templates TEMPLATES = new Templates();

    private final MinioVolumes volumes;

    private StartupConfig(MinioVolumes volumes) {
        this.volumes = volumes;
    }

    /** The file, when the cluster needs one. */
    public static Optional<StartupConfig> of(MinioVolumes volumes) {
        return volumes.form() == VolumesForm.CONFIG_FILE ? Optional.of(new StartupConfig(volumes)) : Optional.empty();
    }

    public ManagedFile file() {
        return ManagedFile.readableByService(MinioPaths.CONFIG_FILE);
    }

    /** The server option that points at the file. */
    public String option() {
        return "--config " + MinioPaths.CONFIG_FILE;
    }

    public String render() {
        List<Map<String, Object>> pools = new ArrayList<>();
        for (PoolVolumes pool : volumes.pools()) {
            List<Map<String, Object>> nodes = new ArrayList<>();
            for (String host : pool.hosts()) {
                nodes.add(Map.of("address", volumes.hostUrl(host), "path", pool.drivePattern()));
            }
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("summary", pool.summary());
            p.put("nodes", nodes);
            pools.add(p);
        }
        return TEMPLATES.render("minio-config.yaml", Map.of("pools", pools));
    }

    public String contentHash() {
        return ContentHash.sha256(render());
    }
}
