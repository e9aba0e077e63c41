package dev.aistorctl.storagenode.minio;

import dev.aistorctl.core.InvalidConfigException;
import dev.aistorctl.inventory.Flavour;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.NodeConfig;
import dev.aistorctl.templates.Templates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /etc/default/minio}, the unit's {@code EnvironmentFile=}: MINIO_VOLUMES, MINIO_OPTS and the
 * root credentials, as MinIO's systemd README lays it out
 * (https://github.com/minio/minio-service, {@code linux-systemd/README.md}).
 *
 * <p>It is the only artefact that holds the root password, so the password is not part of this
 * object: {@link #render(Secret)} takes it at apply time, {@link #redacted()} renders the same file
 * with {@code MINIO_ROOT_PASSWORD=<redacted>} for plans and logs, and {@link #contentHash()} hashes
 * that redacted text, so "the file changed" can be decided and printed without the password. A
 * changed password is detected with {@link Secret#digest()} and {@link Secret#matches(String)}.
 */
public final class MinioEnvironment {
    /** MinIO refuses to start with a shorter root password ("should be at least 8" characters). */
    public static final int MIN_PASSWORD_LENGTH = 8;
    static final String REDACTED = "<redacted>";
    private static final Templates TEMPLATES = new Templates();

    private final NodeConfig node;
    private final MinioVolumes volumes;
    private final Optional<MinioLicense> license;
    private final Optional<StartupConfig> startupConfig;

    private MinioEnvironment(NodeConfig node, MinioVolumes volumes) {
        this.node = node;
        this.volumes = volumes;
        this.license = MinioLicense.of(node);
        this.startupConfig = StartupConfig.of(volumes);
    }

    public static MinioEnvironment of(Inventory inventory) {
        return of(inventory.node(), MinioVolumes.of(inventory));
    }

    public static MinioEnvironment of(NodeConfig node, MinioVolumes volumes) {
        if (node.flavour() != Flavour.MINIO) {
            throw new IllegalArgumentException("/etc/default/minio is for flavour minio; flavour " + node.flavour()
                    + " has its own service files");
        }
        return new MinioEnvironment(node, volumes);
    }

    public MinioVolumes volumes() {
        return volumes;
    }

    public Optional<MinioLicense> license() {
        return license;
    }

    /** The startup configuration file, in the config-file form only. */
    public Optional<StartupConfig> startupConfig() {
        return startupConfig;
    }

    public ManagedFile file() {
        return ManagedFile.readableByService(MinioPaths.ENV_FILE);
    }

    /** {@code --address :9000 --console-address :9001}, then {@code --license}, then {@code --config}. */
    public String minioOpts() {
        List<String> opts = new ArrayList<>();
        opts.add("--address :" + node.apiPort());
        opts.add("--console-address :" + node.consolePort());
        license.ifPresent(l -> opts.add(l.option()));
        startupConfig.ifPresent(c -> opts.add(c.option()));
        return String.join(" ", opts);
    }

    /**
     * The lines of the file that say how the cluster is laid out and started ({@code MINIO_VOLUMES} unless the startup
     * configuration holds the hosts, then {@code MINIO_OPTS}), as written: what a plan shows before the node can be
     * planned on its host.
     */
    public List<String> layoutLines() {
        List<String> out = new ArrayList<>();
        volumes.minioVolumes().ifPresent(v -> out.add(EnvFileText.assignment("MINIO_VOLUMES", v)));
        out.add(EnvFileText.assignment("MINIO_OPTS", minioOpts()));
        return List.copyOf(out);
    }

    /** What the plan should say before anything is applied. */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        if (license.isEmpty()) {
            out.add(MinioLicense.MISSING_WARNING);
        }
        return List.copyOf(out);
    }

    /**
     * The file as written to the host, password included. Call only to write the file.
     *
     * @throws InvalidConfigException when MinIO would refuse the password (too short), without showing it
     */
    public String render(Secret rootPassword) {
        if (rootPassword.length() < MIN_PASSWORD_LENGTH) {
            throw new InvalidConfigException("root password from " + node.rootPassword() + " has " + rootPassword.length()
                    + " characters; MinIO refuses to start with fewer than " + MIN_PASSWORD_LENGTH);
        }
        return render(EnvFileText.assignment("MINIO_ROOT_PASSWORD", rootPassword.reveal()));
    }

    /** The file for plans and logs: the same text with {@code MINIO_ROOT_PASSWORD=<redacted>}. */
    public String redacted() {
        return render("MINIO_ROOT_PASSWORD=" + REDACTED);
    }

    /** SHA-256 of {@link #redacted()}: changes with everything in the file except the password. */
    public String contentHash() {
        return ContentHash.sha256(redacted());
    }

    private String render(String passwordLine) {
        Map<String, Object> values = new LinkedHashMap<>();
        volumes.minioVolumes().ifPresent(v -> values.put("volumes", EnvFileText.assignment("MINIO_VOLUMES", v)));
        values.put("configFile", MinioPaths.CONFIG_FILE);
        values.put("opts", EnvFileText.assignment("MINIO_OPTS", minioOpts()));
        values.put("user", EnvFileText.assignment("MINIO_ROOT_USER", node.rootUser()));
        values.put("password", passwordLine);
        return TEMPLATES.render("minio.env", values);
    }

    @Override
    public String toString() {
        return "MinioEnvironment[" + MinioPaths.ENV_FILE + ", " + volumes.form() + "]";
    }
}
