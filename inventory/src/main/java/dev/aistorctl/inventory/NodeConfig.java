package dev.aistorctl.inventory;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What runs on every node. Defaults: flavour minio, API port 9000, console port 9001. The binary
 * is required for minio and optional for s3proxy (which comes from Maven Central).
 */
public record NodeConfig(Flavour flavour, Optional<BinarySource> binary, int apiPort, int consolePort, String rootUser,
                         SecretRef rootPassword, Optional<Path> license) {
    public static final int DEFAULT_API_PORT = 9000;
    public static final int DEFAULT_CONSOLE_PORT = 9001;
}
