package dev.aistorctl.storagenode.minio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Rendered files compared byte for byte with reviewed copies under
 * {@code storage-node/src/test/resources/golden}. {@code -Daistorctl.golden.update=true} rewrites
 * them; the diff then goes through review like any other change.
 */
public final class Golden {
    private Golden() {
    }

    public static void assertMatches(String name, String actual) {
        Path file = TestInventories.root().resolve("storage-node/src/test/resources/golden").resolve(name);
        try {
            if (Boolean.getBoolean("aistorctl.golden.update")) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
            }
            assertThat(file).as("golden file %s (run with -Daistorctl.golden.update=true to create it)", name).exists();
            assertThat(actual).as("rendered %s against its golden file", name).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
