package dev.aistorctl.storagenode.minio;

import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The inventories the contract is specified against: the shipped examples and the loader's corpus. */
public final class TestInventories {
    private TestInventories() {
    }

    public static Path root() {
        String root = System.getProperty("aistorctl.root");
        if (root == null) {
            throw new IllegalStateException("system property aistorctl.root is not set; run the tests through Maven");
        }
        return Path.of(root);
    }

    /** The reference architecture: 8 hosts x 8 Micron 7500 PRO. */
    public static Inventory altra8() {
        return InventoryLoader.load(root().resolve("inventory/examples/altra-8node.yaml"));
    }

    public static Inventory singleNode() {
        return InventoryLoader.load(root().resolve("inventory/examples/single-node.yaml"));
    }

    public static Inventory good(String name) {
        return InventoryLoader.load(root().resolve("inventory/src/test/resources/inventories/good").resolve(name));
    }

    public static Inventory ours(String name) {
        return InventoryLoader.load(root().resolve("storage-node/src/test/resources/inventories").resolve(name));
    }

    /** An inventory from text, for cases no file holds. */
    public static Inventory parse(String yaml) {
        return InventoryLoader.parse(Path.of("inline.yaml"), yaml.getBytes(StandardCharsets.UTF_8));
    }

    static String read(Path p) throws java.io.IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }
}
