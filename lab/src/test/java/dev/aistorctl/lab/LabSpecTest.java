package dev.aistorctl.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.core.UsageException;
import org.junit.jupiter.api.Test;

class LabSpecTest {
    @Test
    void namesBecomeInterfaceNamesOfAtMostFifteenCharacters() {
        LabSpec spec = new LabSpec("abcdefgh", LabSpec.MAX_HOSTS, 4, 2L << 30, false);
        assertThat(LabNetwork.vethName(spec.name(), LabSpec.MAX_HOSTS)).hasSizeLessThanOrEqualTo(15);
        assertThat(LabNetwork.bridgeName(spec.name())).hasSizeLessThanOrEqualTo(15);
    }

    @Test
    void namesWithHyphensOrCapitalsAreRefusedSoOwnershipByNameStaysExact() {
        for (String bad : new String[] {"lab-1", "Lab", "1lab", "abcdefghi", "", "a b"}) {
            assertThatThrownBy(() -> LabSpec.defaults(bad)).as(bad).isInstanceOf(UsageException.class);
        }
        assertThat(LabNetwork.ownedVeth("lab").matcher("lv-lab-12").matches()).isTrue();
        assertThat(LabNetwork.ownedVeth("lab").matcher("lv-lab1-2").matches()).isFalse();
    }

    @Test
    void theSystemDiskNeverMatchesTheDriveSizeRule() {
        LabSpec spec = LabSpec.defaults("lab");
        assertThat(spec.systemDiskSizeBytes()).isEqualTo(1L << 30);
        String inv = InventoryFile.render("lab", 4, 2L << 30, java.nio.file.Path.of("/k"), java.nio.file.Path.of("/kh"),
                java.nio.file.Path.of("/pw"), java.util.List.<String[]>of(new String[] {"lab-node1", "10.213.5.11"}));
        assertThat(inv).contains("min_size: 1984MiB, max_size: 2GiB", "hosts: lab-node{1...1}",
                "lab-node1: {address: 10.213.5.11}", "root_password: {file: /pw}");
    }

    @Test
    void theLabInventoryLoadsAndItsRuleTakesDataDrivesOnly(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        String text = InventoryFile.render("lab", 4, 2L << 30, dir.resolve("key"), dir.resolve("known_hosts"),
                dir.resolve("pw"), java.util.List.of(new String[] {"lab-node1", "10.213.5.11"},
                        new String[] {"lab-node2", "10.213.5.12"}, new String[] {"lab-node3", "10.213.5.13"}));
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("inventory.yaml"), text);

        dev.aistorctl.inventory.Inventory inventory = dev.aistorctl.inventory.InventoryLoader.load(file);

        assertThat(inventory.hosts()).extracting(dev.aistorctl.inventory.InventoryHost::address)
                .containsExactly("10.213.5.11", "10.213.5.12", "10.213.5.13");
        assertThat(inventory.hosts().get(0).mountPaths()).containsExactly("/mnt/drive1", "/mnt/drive2", "/mnt/drive3", "/mnt/drive4");
        var select = inventory.pools().get(0).drives().select();
        assertThat(select.acceptsSize(2L << 30)).isTrue();
        assertThat(select.acceptsSize(LabSpec.defaults("lab").systemDiskSizeBytes())).isFalse();
        assertThat(inventory.pools().get(0).layout().setSize()).isEqualTo(12);
    }

    @Test
    void subnetsAvoidOverlappingRoutes() {
        long net = (10L << 24) | (213L << 16) | (7L << 8);
        assertThat(LabNetwork.overlaps((10L << 24), 8, net, 24)).isTrue();
        assertThat(LabNetwork.overlaps((10L << 24) | (213L << 16) | (8L << 8), 24, net, 24)).isFalse();
    }

    @Test
    void theDebianMirrorIsReadFromAptSources() {
        String deb822 = "Types: deb\nURIs: http://mirror.example/debian\nSuites: bookworm bookworm-updates\nComponents: main\n\n"
                + "Types: deb\nURIs: http://security.example/debian-security\nSuites: bookworm-security\n";
        assertThat(AptMirror.fromDeb822(deb822, "bookworm")).isEqualTo("http://mirror.example/debian");
        assertThat(AptMirror.fromOneLine("deb [arch=amd64] http://m.example/debian bookworm main\n", "bookworm"))
                .isEqualTo("http://m.example/debian");
    }
}
