package dev.aistorctl.playbooks.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.playbooks.Redactor;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A journal holds hosts, users and command output: only the engineer who ran it may read it. */
class JournalPermissionsTest {
    @TempDir
    Path home;

    @BeforeEach
    void posix() {
        assertThat(FileSystems.getDefault().supportedFileAttributeViews()).as("POSIX permissions, as on every controller").contains("posix");
    }

    @Test
    void theRunsDirectoryAndTheRunDirectoryAre0700AndTheJournal0600() throws IOException {
        Path runs = home.resolve("runs");

        try (Journal journal = Journal.create(runs, "20260101T000000Z-abcd", new Redactor())) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(runs))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(journal.file().getParent()))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(journal.file()))).isEqualTo("rw-------");
        }
    }

    @Test
    void anExistingJournalIsNeverOverwritten() throws IOException {
        Path runs = home.resolve("runs");
        Files.createDirectories(runs.resolve("r1"));
        Files.writeString(runs.resolve("r1").resolve(Journal.FILE), "old\n");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Journal.create(runs, "r1", new Redactor()))
                .hasMessageContaining("cannot write the run journal");
        assertThat(Files.readString(runs.resolve("r1").resolve(Journal.FILE))).isEqualTo("old\n");
    }
}
