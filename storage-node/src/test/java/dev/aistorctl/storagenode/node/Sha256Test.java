package dev.aistorctl.storagenode.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha256Test {

    @Test
    void aFileDigestIsSha256sumsAndFollowsEveryChangeOfTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("minio");
        Files.writeString(file, "abc");
        // sha256sum of "abc"
        assertThat(Sha256.of(file)).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Sha256.of(file)).isEqualTo(Sha256.of("abc".getBytes(StandardCharsets.UTF_8)));

        Files.writeString(file, "abcd");
        assertThat(Sha256.of(file)).as("another size").isEqualTo(Sha256.of("abcd".getBytes(StandardCharsets.UTF_8)));

        Files.writeString(file, "abce");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
        assertThat(Sha256.of(file)).as("same size, written later").isEqualTo(Sha256.of("abce".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void sha256sumOutputAndShortForms() {
        String hex = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assertThat(Sha256.fromSha256sum(hex + "  /usr/local/bin/minio\n")).isEqualTo(hex);
        assertThat(Sha256.fromSha256sum("sha256sum: /usr/local/bin/minio: No such file or directory")).isEmpty();
        assertThat(Sha256.shortForm(hex)).isEqualTo("ba7816bf8f01");
    }
}
