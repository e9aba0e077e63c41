package dev.aistorctl.storagenode.minio;

import dev.aistorctl.inventory.Flavour;
import dev.aistorctl.inventory.NodeConfig;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The AIStor license: copied from the inventory's {@code node.license.file} to
 * {@link MinioPaths#LICENSE_FILE} and given to the server as {@code --license PATH}, the flag the
 * AIStor server reference documents
 * (https://docs.min.io/enterprise/aistor-object-store/reference/aistor-server:
 * {@code minio server --license /path/to/minio.license ...}).
 *
 * @param source the license on the machine running aistorctl, resolved against the inventory
 */
public record MinioLicense(Path source) {
    /** What a MinIO flavour node without a license should be warned about. */
    public static final String MISSING_WARNING = "no license (node.license.file): AIStor without a license starts read-only"
            + " or refuses to start, depending on the release; add 'license: {file: minio.license}' under node";

    public static Optional<MinioLicense> of(NodeConfig node) {
        return node.flavour() == Flavour.MINIO ? node.license().map(MinioLicense::new) : Optional.empty();
    }

    /** Mode 0640 root:minio-user: the server reads it, nobody else on the host does, and the server cannot rewrite it. */
    public ManagedFile file() {
        return ManagedFile.readableByService(MinioPaths.LICENSE_FILE);
    }

    /** {@code /opt/minio}: root's, traversable, so only the file's own mode guards the license. */
    public ManagedFile directory() {
        return ManagedFile.rootOwned(MinioPaths.LICENSE_DIR, "0755");
    }

    public String option() {
        return "--license " + MinioPaths.LICENSE_FILE;
    }
}
