package dev.aistorctl.playbooks.node;

import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryLoader;
import dev.aistorctl.storagenode.node.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A three-host lab-flavour inventory whose binary is a small file, and its password file. */
final class NodeInventories {
    static final String PASSWORD = "Tr0ub4dor&3-hunter2";
    static final byte[] BINARY = "pretend this is s3proxy.jar\n".getBytes(StandardCharsets.UTF_8);

    private NodeInventories() {
    }

    static Inventory s3proxy(Path dir) throws IOException {
        return s3proxy(dir, Sha256.of(BINARY));
    }

    /** Flavour minio without a license, three hosts of two drives. */
    static Inventory minio(Path dir) throws IOException {
        Path password = Files.writeString(dir.resolve("root-password"), PASSWORD + "\n");
        Path binary = Files.write(dir.resolve("minio"), BINARY);
        String yaml = "version: 1\n"
                + "cluster: {name: unit}\n"
                + "ssh: {user: root}\n"
                + "node: {flavour: minio, binary: {path: " + binary + ", sha256: " + Sha256.of(BINARY) + "},"
                + " root_user: aistoradmin, root_password: {file: " + password + "}}\n"
                + "pools:\n"
                + "  - name: pool1\n"
                + "    hosts: unit-node{1...3}\n"
                + "    drives: {count: 2, mount: \"/mnt/drive{1...2}\"}\n";
        return InventoryLoader.load(Files.writeString(dir.resolve("inventory.yaml"), yaml));
    }

    static Inventory s3proxy(Path dir, String pinnedSha256) throws IOException {
        Path password = Files.writeString(dir.resolve("root-password"), PASSWORD + "\n");
        Path binary = Files.write(dir.resolve("s3proxy.jar"), BINARY);
        String yaml = "version: 1\n"
                + "cluster: {name: unit}\n"
                + "ssh: {user: root}\n"
                + "node: {flavour: s3proxy, binary: {path: " + binary + ", sha256: " + pinnedSha256 + "},"
                + " root_user: aistoradmin, root_password: {file: " + password + "}}\n"
                + "pools:\n"
                + "  - name: pool1\n"
                + "    hosts: unit-node{1...3}\n"
                + "    drives: {count: 2, mount: \"/mnt/drive{1...2}\"}\n";
        Path file = Files.writeString(dir.resolve("inventory.yaml"), yaml);
        return InventoryLoader.load(file);
    }
}
