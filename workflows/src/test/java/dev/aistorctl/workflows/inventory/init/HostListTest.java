package dev.aistorctl.workflows.inventory.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.aistorctl.core.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostListTest {

    @Test
    void namesAndRangesInBothNotationsExpandInOrder() {
        assertThat(HostList.parse("node{01...03}.dc1,db[1:2],10.0.0.9"))
                .containsExactly("node01.dc1", "node02.dc1", "node03.dc1", "db1", "db2", "10.0.0.9");
    }

    @Test
    void aFileHoldsOneItemPerLineWithComments(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("racked.txt");
        Files.writeString(file, "# rack 12\nnode{1...2}   # top\n\nnode7, node9\n");
        assertThat(HostList.parse("@" + file)).containsExactly("node1", "node2", "node7", "node9");
        assertThatThrownBy(() -> HostList.parse("@" + dir.resolve("absent")))
                .isInstanceOf(UsageException.class).hasMessageEndingWith("absent: no such file");
    }

    @Test
    void badNamesAndRepeatsAreRefusedWithWhere(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> HostList.parse("node1,NODE1")).isInstanceOf(UsageException.class).hasMessageContaining("given twice");
        assertThatThrownBy(() -> HostList.parse("node1;reboot")).isInstanceOf(UsageException.class).hasMessageContaining("host names hold");
        assertThatThrownBy(() -> HostList.parse("node{3...1")).isInstanceOf(UsageException.class).hasMessageStartingWith("--hosts: 'node{3...1'");
        Path file = dir.resolve("h.txt");
        Files.writeString(file, "node1\nbad_name!\n");
        assertThatThrownBy(() -> HostList.parse("@" + file)).isInstanceOf(UsageException.class).hasMessageStartingWith(file + ":2:");
        assertThatThrownBy(() -> HostList.parse(" , ")).isInstanceOf(UsageException.class).hasMessageContaining("names no host");
    }
}
