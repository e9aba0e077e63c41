package dev.aistorctl.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The fixture folders, found through the system property the build sets; a missing folder fails loudly. */
public final class Fixtures {
    private Fixtures() {
    }

    public static Path root() {
        String p = System.getProperty("aistorctl.fixtures");
        assertThat(p).as("system property aistorctl.fixtures (set by the Maven build)").isNotBlank();
        Path root = Paths.get(p);
        assertThat(root.resolve("real")).as("fixture folder").isDirectory();
        return root;
    }

    public static Path path(String relative) {
        return root().resolve(relative);
    }

    public static String read(String relative) {
        try {
            return Files.readString(path(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
