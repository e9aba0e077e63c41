package dev.aistorctl.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.core.InvalidConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretRefTest {

    @Test
    void anEnvironmentReferenceResolvesOnlyWhenAsked() {
        SecretRef ref = SecretRef.env("AISTOR_ROOT_PASSWORD");

        assertThat(ref.resolve(Map.of("AISTOR_ROOT_PASSWORD", "correct horse")::get)).isEqualTo("correct horse");
        assertThat(ref).hasToString("env:AISTOR_ROOT_PASSWORD");
    }

    @Test
    void anUnsetVariableIsAConfigErrorThatNamesTheVariable() {
        assertThatThrownBy(() -> SecretRef.env("NOPE").resolve(Map.<String, String>of()::get))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("NOPE is not set");
    }

    @Test
    void aFileReferenceDropsTheTrailingLineBreakAndNeverPrintsTheValue(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("pw");
        Files.writeString(file, "s3cr3t-value\n");
        SecretRef ref = SecretRef.file(file);

        assertThat(ref.resolve()).isEqualTo("s3cr3t-value");
        assertThat(ref.toString()).isEqualTo("file:" + file).doesNotContain("s3cr3t");
    }

    @Test
    void anEmptyOrMissingFileIsAConfigError(@TempDir Path dir) throws IOException {
        Path empty = Files.writeString(dir.resolve("empty"), "\n");

        assertThatThrownBy(() -> SecretRef.file(empty).resolve()).isInstanceOf(InvalidConfigException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> SecretRef.file(dir.resolve("missing")).resolve()).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("cannot read");
    }
}
