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
