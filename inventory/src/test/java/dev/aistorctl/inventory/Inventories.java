package dev.aistorctl.inventory;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Test inventories by name, and inline text loaded as if from a file beside them. */
final class Inventories {
    static final String SHA = "3f9c5e0b8a41d2c67e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d";

    /** A valid inventory to which a test appends or substitutes one thing. */
    static final String MINIMAL = """
            version: 1
            cluster: {name: t}
            ssh: {user: ubuntu}
            node:
              binary: {path: artifacts/minio, sha256: %s}
              root_user: admin
              root_password: {env: AISTOR_ROOT_PASSWORD}
            pools:
              - name: pool1
                hosts: node{1...4}.example.net
                drives: {count: 4, mount: "/mnt/drive{1...4}"}
            """.formatted(SHA);

    private Inventories() {
    }

    static Path good(String name) {
        return resource("inventories/good/" + name);
    }

    static Path resource(String name) {
        try {
            Path absolute = Path.of(Inventories.class.getClassLoader().getResource(name).toURI());
            return Path.of("").toAbsolutePath().relativize(absolute);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Inventory parse(String text) {
        return InventoryLoader.parse(Path.of("site", "inv.yaml"), text.getBytes(StandardCharsets.UTF_8));
    }
}
