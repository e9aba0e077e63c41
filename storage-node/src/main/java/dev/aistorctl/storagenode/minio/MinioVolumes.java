package dev.aistorctl.storagenode.minio;

import dev.aistorctl.core.InvalidConfigException;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How the servers of a cluster are told about its pools: {@code MINIO_VOLUMES} in MinIO's
 * {@code {x...y}} notation when every pool's hosts and drives can be written that way, otherwise
 * AIStor's startup configuration file. The result says which form and why.
 *
 * <p>The notation (https://docs.min.io/enterprise/aistor-object-store/reference/aistor-server):
 * one argument per server pool, {@code http://node{01...08}.dc1.example.net:9000/mnt/drive{1...8}/minio},
 * arguments separated by spaces, the same on every node. "MinIO requires sequential hostnames";
 * names that are not a run of numbers (a YAML list of arbitrary names, letter ranges, several
 * ranges) go into the configuration file, which exists for exactly that case
 * (https://docs.min.io/aistor/reference/aistor-server/configuration-file/).
 *
 * <p>A cluster of one host with one pool uses local paths ({@code /mnt/drive{1...4}/minio}), as
 * MinIO documents single-node deployments: the server then never depends on its own name resolving
 * to itself.
 *
 * <p>Hosts are named by their inventory names, not the SSH address overrides: MinIO nodes find each
 * other by these names, which must resolve on every node; SSH may go through another network.
 */
public record MinioVolumes(VolumesForm form, String reason, String scheme, int apiPort, List<PoolVolumes> pools) {
    public MinioVolumes {
        pools = List.copyOf(pools);
    }

    /** The TLS-less scheme: the inventory has no TLS settings yet. */
    public static MinioVolumes of(Inventory inventory) {
        return of(inventory, "http");
    }

    /**
     * @throws InvalidConfigException when a pool's drive mounts are not one sequence MinIO can address
     */
    public static MinioVolumes of(Inventory inventory, String scheme) {
        int port = inventory.node().apiPort();
        boolean singleNode = inventory.pools().size() == 1 && inventory.pools().get(0).hosts().size() == 1;
        List<String> uncompressible = new ArrayList<>();
        List<PoolVolumes> pools = new ArrayList<>();
        List<Optional<String>> hostPatterns = new ArrayList<>();
        for (Pool pool : inventory.pools()) {
            Optional<String> hosts = hostPattern(pool);
            hostPatterns.add(hosts);
            if (hosts.isEmpty()) {
                uncompressible.add(pool.name());
            }
        }
        VolumesForm form = uncompressible.isEmpty() ? VolumesForm.ELLIPSES : VolumesForm.CONFIG_FILE;
        for (int i = 0; i < inventory.pools().size(); i++) {
            Pool pool = inventory.pools().get(i);
            List<String> dataDirs = pool.drives().mounts().stream().map(MinioPaths::dataDir).toList();
            String drives = drivePattern(pool, dataDirs);
            Optional<String> argument = Optional.empty();
            if (form == VolumesForm.ELLIPSES) {
                argument = Optional.of(singleNode ? drives : url(scheme, hostPatterns.get(i).orElseThrow(), port) + drives);
            }
            pools.add(new PoolVolumes(pool.name(), pool.hosts(), dataDirs, drives, argument, pool.layout(), pool.rawBytes(),
                    pool.usableBytes()));
        }
        String reason;
        if (form == VolumesForm.CONFIG_FILE) {
            reason = "the hosts of " + (uncompressible.size() == 1 ? "pool " : "pools ") + String.join(", ", uncompressible)
                    + " are not one sequential range MinIO's {x...y} notation can express, so the pools go into AIStor's"
                    + " startup configuration file " + MinioPaths.CONFIG_FILE;
        } else if (singleNode) {
            reason = "a single node: local drive paths in MINIO_VOLUMES, as MinIO documents single-node deployments";
        } else {
            reason = "every pool's hosts and drives are sequential: MINIO_VOLUMES in MinIO's {x...y} notation, one argument per pool";
        }
        return new MinioVolumes(form, reason, scheme, port, pools);
    }

    /** The value of MINIO_VOLUMES, or empty in the config-file form (the server then takes {@code --config}). */
    public Optional<String> minioVolumes() {
        if (form != VolumesForm.ELLIPSES) {
            return Optional.empty();
        }
        return Optional.of(String.join(" ", pools.stream().map(p -> p.argument().orElseThrow()).toList()));
    }

    /** The host URL of one node as MinIO addresses it; IPv6 literals in brackets. */
    public String hostUrl(String host) {
        return url(scheme, host, apiPort);
    }

    private static String url(String scheme, String host, int port) {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return scheme + "://" + h + ":" + port;
    }

    /**
     * The pool's hosts as one MinIO pattern with a single range, when one exists that the server
     * expands to exactly these hosts in this order. Host patterns with several ranges
     * ({@code rack{1...2}-node{1...4}}) would also parse, but MinIO checks erasure-set symmetry
     * against the first range only, so the set size it picks could differ from the one planned;
     * those pools use the configuration file instead.
     */
    private static Optional<String> hostPattern(Pool pool) {
        return Ellipses.compress(pool.hosts());
    }

    private static String drivePattern(Pool pool, List<String> dataDirs) {
        return Ellipses.compress(dataDirs).orElseThrow(() -> new InvalidConfigException("pool '" + pool.name()
                + "': drive mounts " + pool.drives().mountPattern() + " are not one numbered sequence (e.g. /mnt/drive{1...8});"
                + " MinIO addresses a host's drives with one {x...y} pattern: name the mounts /mnt/driveN"));
    }
}
