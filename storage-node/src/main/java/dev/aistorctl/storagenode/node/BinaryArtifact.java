package dev.aistorctl.storagenode.node;

import dev.aistorctl.inventory.BinarySource;
import dev.aistorctl.inventory.Flavour;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.NodeConfig;
import dev.aistorctl.storagenode.minio.MinioPaths;
import dev.aistorctl.storagenode.s3proxy.S3ProxyPaths;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The server binary a node must have: where it goes on the host, the SHA-256 it must have, and where
 * it comes from. A file on the controller is uploaded over SFTP (datacenter hosts often have no way
 * out); a URL is fetched by each host itself. Either way the host checks the digest before the file
 * replaces anything.
 *
 * @param target    where the unit runs it from
 * @param sha256    the digest the inventory pins, or for the lab's jar the one computed here
 * @param localFile the file on the controller, for uploads
 * @param url       what each host fetches, when there is no local file
 */
public record BinaryArtifact(Flavour flavour, String target, String sha256, Optional<Path> localFile, Optional<URI> url) {

    /** The binary for the inventory's flavour; flavour s3proxy without node.binary uses the jar from Maven. */
    public static BinaryArtifact of(Inventory inventory) {
        return of(inventory.node(), inventory.source() == null ? null : inventory.source().getParent(), S3ProxyJar::locate);
    }

    static BinaryArtifact of(NodeConfig node, Path inventoryDir, Supplier<Path> s3proxyJar) {
        String target = node.flavour() == Flavour.MINIO ? MinioPaths.BINARY : S3ProxyPaths.JAR;
        if (node.binary().isPresent()) {
            BinarySource b = node.binary().get();
            Optional<Path> local = b.path().map(p -> p.isAbsolute() || inventoryDir == null ? p : inventoryDir.resolve(p));
            return new BinaryArtifact(node.flavour(), target, b.sha256(), local, b.url());
        }
        if (node.flavour() == Flavour.MINIO) {
            throw new dev.aistorctl.core.InvalidConfigException("flavour minio needs node.binary (path or url, and sha256)");
        }
        Path jar = s3proxyJar.get();
        return new BinaryArtifact(node.flavour(), target, Sha256.of(jar), Optional.of(jar), Optional.empty());
    }

    /** Beside the target, so the final rename is atomic within one filesystem. */
    public String staging() {
        return target + ".aistorctl-new";
    }

    public String origin() {
        return localFile.map(p -> "uploaded from " + p).orElseGet(() -> "fetched by the host from " + url.orElseThrow());
    }

    /**
     * The architecture the binary is built for, read from the file on the controller; empty for a file that
     * is not ELF (the S3Proxy jar runs on any JVM) and for a URL, whose bytes only the host ever sees.
     */
    public Optional<ElfMachine> machine() {
        return localFile.flatMap(ElfMachine::of);
    }

    public String directory() {
        return target.substring(0, target.lastIndexOf('/'));
    }
}
