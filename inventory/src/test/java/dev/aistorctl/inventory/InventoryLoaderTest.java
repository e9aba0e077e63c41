package dev.aistorctl.inventory;

import dev.aistorctl.core.text.ByteSize;
import dev.aistorctl.core.config.Problem;
import dev.aistorctl.core.ssh.Become;
import static dev.aistorctl.inventory.Inventories.MINIMAL;
import static dev.aistorctl.inventory.Inventories.good;
import static dev.aistorctl.inventory.Inventories.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aistorctl.core.ExitCode;
import dev.aistorctl.core.UsageException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class InventoryLoaderTest {
    private static final Path HOME = Path.of(System.getProperty("user.home"));

    @Test
    void referenceArchitectureHasSixtyFourDrivesInFourSetsOfSixteenAtEc4() {
        Inventory inv = InventoryLoader.load(Path.of("examples/altra-8node.yaml"));

        assertThat(inv.cluster().name()).isEqualTo("dc1-aistor");
        assertThat(inv.cluster().hardwareProfile()).contains(new ProfileRef("ampere-altra-m128", null));
        assertThat(inv.hosts()).hasSize(8);
        assertThat(inv.hosts().get(0)).isEqualTo(new InventoryHost("node01.dc1.example.net", "10.10.0.11", "pool1",
                inv.pools().get(0).drives(), List.of("/mnt/drive1", "/mnt/drive2", "/mnt/drive3", "/mnt/drive4",
                "/mnt/drive5", "/mnt/drive6", "/mnt/drive7", "/mnt/drive8")));
        assertThat(inv.hosts().get(7).name()).isEqualTo("node08.dc1.example.net");
        Pool pool = inv.pools().get(0);
        assertThat(pool.layout()).isEqualTo(new ErasureLayout(8, 8, 16, 4, 4));
        assertThat(pool.drives().select().transport()).isEqualTo(Transport.NVME);
        assertThat(pool.drives().select().acceptsModel("Micron_7500_MTFDKCC15T3TGP")).isTrue();
        // 64 drives of at least 15 TB, 12 of every 16 carrying data.
        assertThat(pool.usableBytes()).contains(720_000_000_000_000L);
        assertThat(inv.ssh().jumpHosts()).contains(List.of(new JumpHost(java.util.Optional.of("admin"), "bastion.dc1.example.net", java.util.Optional.of(22))));
        assertThat(inv.node().rootPassword()).isEqualTo(SecretRef.env("AISTOR_ROOT_PASSWORD"));
        assertThat(inv.node().binary().orElseThrow().path()).contains(Path.of("examples/artifacts/minio").toAbsolutePath());
        assertThat(inv.node().license()).contains(Path.of("examples/minio.license").toAbsolutePath());
    }

    @Test
    void singleNodeExampleIsOneSetOfFourAtEc2WithRootAndNoBecome() {
        Inventory inv = InventoryLoader.load(Path.of("examples/single-node.yaml"));

        assertThat(inv.hosts()).extracting(InventoryHost::name, InventoryHost::address)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("aistor-poc.lab.example.net", "aistor-poc.lab.example.net"));
        assertThat(inv.pools().get(0).layout()).isEqualTo(new ErasureLayout(1, 4, 4, 1, 2));
        assertThat(inv.pools().get(0).layout().usableFraction()).isEqualTo(0.5);
        assertThat(inv.sshFor(inv.hosts().get(0)).become().value()).isEqualTo(Become.NONE);
        assertThat(inv.node().rootPassword().path()).isEqualTo(Path.of("examples/secrets/root-password").toAbsolutePath());
    }

    @Test
    void optionalKeysTakeTheirDefaults() {
        Inventory inv = InventoryLoader.load(good("s3proxy-defaults.yaml"));

        HostSsh lab1 = inv.sshFor(inv.hosts().get(0));
        assertThat(lab1.user()).isEqualTo(new HostSsh.Sourced<>("root", "ssh.user"));
        assertThat(lab1.port()).isEqualTo(new HostSsh.Sourced<>(22, "default"));
        assertThat(lab1.identityFile().value()).isEqualTo(HOME.resolve(".ssh/id_ed25519"));
        assertThat(lab1.become().value()).isEqualTo(Become.NONE);
        assertThat(lab1.jumps()).isEmpty();
        assertThat(inv.ssh().knownHosts()).isEqualTo(HOME.resolve(".ssh/known_hosts"));
        assertThat(inv.ssh().connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(inv.ssh().commandTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(inv.node().flavour()).isEqualTo(Flavour.S3PROXY);
        assertThat(inv.node().binary()).isEmpty();
        assertThat(inv.node().apiPort()).isEqualTo(9000);
        assertThat(inv.node().consolePort()).isEqualTo(9001);
        assertThat(inv.cluster().hardwareProfile()).isEmpty();
        Pool pool = inv.pools().get(0);
        assertThat(pool.drives().select()).isEqualTo(DriveSelector.ANY);
        assertThat(pool.drives().mounts()).containsExactly("/mnt/drive1", "/mnt/drive2");
        assertThat(pool.hosts()).containsExactly("lab1", "lab2", "lab3");
        assertThat(pool.layout()).isEqualTo(new ErasureLayout(3, 2, 6, 1, 3));
        assertThat(pool.usableBytes()).isEmpty();
        assertThat(inv.hostOverrides()).isEmpty();
    }

    @Test
    void aNonRootUserBecomesRootWithSudoByDefault() {
        Inventory inv = parse(MINIMAL);
        assertThat(inv.sshFor(inv.hosts().get(0)).become().value()).isEqualTo(Become.SUDO);
    }

    @Test
    void relativePathsResolveAgainstTheInventoryDirectoryAndTildeAgainstHome() {
        Inventory inv = InventoryLoader.load(good("ip-list.yaml"));
        Path dir = good("ip-list.yaml").toAbsolutePath().getParent();

        assertThat(inv.ssh().identityFile()).contains(dir.resolve("keys/deploy_ed25519"));
        assertThat(inv.ssh().knownHosts()).isEqualTo(dir.resolve("keys/known_hosts"));
        assertThat(inv.node().binary().orElseThrow().path()).contains(dir.getParent().resolve("artifacts/minio"));
        assertThat(inv.node().rootPassword()).isEqualTo(SecretRef.file(dir.resolve("secrets/root-password")));
        assertThat(parse(MINIMAL.replace("ssh: {user: ubuntu}", "ssh: {user: ubuntu, identity_file: ~/keys/id}")).ssh().identityFile())
                .contains(HOME.resolve("keys/id"));
    }

    @Test
    void hostListsMayMixIpv4AndIpv6AndMountsMayBeAList() {
        Inventory inv = InventoryLoader.load(good("ip-list.yaml"));

        assertThat(inv.hosts()).extracting(InventoryHost::name).containsExactly("192.0.2.11", "192.0.2.12", "2001:db8::13");
        assertThat(inv.hosts().get(2).mountPaths()).containsExactly("/mnt/disk1", "/mnt/disk2", "/mnt/disk3", "/mnt/disk4");
        assertThat(inv.pools().get(0).layout()).isEqualTo(new ErasureLayout(3, 4, 12, 1, 4));
        assertThat(inv.ssh().port()).contains(2222);
        assertThat(inv.ssh().jumpHosts()).contains(List.of(new JumpHost(java.util.Optional.empty(), "2001:db8::10", java.util.Optional.of(2200))));
        assertThat(inv.ssh().commandTimeout()).isEqualTo(Duration.ofMinutes(90));
        assertThat(inv.pools().get(0).drives().select().serials()).containsExactly("S64HNE0R100001", "S64HNE0R100002");
        assertThat(inv.node().apiPort()).isEqualTo(19000);
    }

    @Test
    void ansibleNotationWorksForHostsAndMountsAndSha256IsNormalisedToLowerCase() {
        Inventory inv = InventoryLoader.load(good("ansible-range.yaml"));

        assertThat(inv.pools().get(0).hosts()).containsExactly("node01.lab.example.net", "node02.lab.example.net",
                "node03.lab.example.net", "node04.lab.example.net");
        assertThat(inv.pools().get(0).drives().mounts()).containsExactly("/data/disk1", "/data/disk2", "/data/disk3", "/data/disk4");
        assertThat(inv.pools().get(0).layout()).isEqualTo(new ErasureLayout(4, 4, 16, 1, 4));
        assertThat(inv.node().binary().orElseThrow().url()).contains(URI.create("https://dl.example.net/aistor/minio"));
        assertThat(inv.node().binary().orElseThrow().sha256()).isEqualTo(Inventories.SHA);
        assertThat(inv.pools().get(0).drives().select().minSize()).contains(new ByteSize(3_840_000_000_000L));
        assertThat(inv.pools().get(0).drives().select().maxSize()).contains(new ByteSize(4L << 40));
    }

    @Test
    void severalRangesInOnePatternExpandLeftmostSlowest() {
        Inventory inv = InventoryLoader.load(good("multi-range.yaml"));

        assertThat(inv.pools().get(0).hosts()).containsExactly(
                "rack1-nodea.example.net", "rack1-nodeb.example.net", "rack1-nodec.example.net", "rack1-noded.example.net",
                "rack2-nodea.example.net", "rack2-nodeb.example.net", "rack2-nodec.example.net", "rack2-noded.example.net");
        assertThat(inv.pools().get(0).drives().mounts()).containsExactly("/mnt/nvme0", "/mnt/nvme1");
        assertThat(inv.pools().get(0).layout()).isEqualTo(new ErasureLayout(8, 2, 16, 1, 4));
    }

    @Test
    void twoPoolsKeepFileOrderAndOverridesApplyPerHost() {
        Inventory inv = InventoryLoader.load(good("two-pools.yaml"));

        assertThat(inv.hosts()).hasSize(12);
        assertThat(inv.hosts().get(8)).extracting(InventoryHost::name, InventoryHost::address, InventoryHost::pool)
                .containsExactly("node09.dc1.example.net", "10.10.0.19", "pool2");
        assertThat(inv.hosts().get(9).address()).isEqualTo("node10.dc1.example.net");
        assertThat(inv.pools()).extracting(Pool::layout)
                .containsExactly(new ErasureLayout(8, 8, 16, 4, 4), new ErasureLayout(4, 4, 16, 1, 4));
        assertThat(inv.pools().get(1).usableBytes()).contains(16 * 30_000_000_000_000L * 12 / 16);
        assertThat(inv.cluster().hardwareProfile().orElseThrow().file())
                .contains(good("two-pools.yaml").toAbsolutePath().getParent().resolve("profiles/site-altra.yaml"));
    }

    @Test
    void oneHostWithOneDriveIsSingleDriveMode() {
        ErasureLayout layout = InventoryLoader.load(good("single-drive.yaml")).pools().get(0).layout();

        assertThat(layout.singleDrive()).isTrue();
        assertThat(layout.parity()).isZero();
    }

    @Test
    void everyProblemInAFileIsReportedInOneGoInFileOrder() {
        String text = MINIMAL
                .replace("ssh: {user: ubuntu}", "ssh: {user: ubuntu, port: 0, connect_timeout: 10}")
                .replace("root_user: admin", "root_user: admin\n  colour: blue")
                .replace("node{1...4}", "node{4...1}")
                .replace("\"/mnt/drive{1...4}\"", "\"mnt/drive{1...4}\"");

        InvalidInventoryException e = catchThrowableOfType(InvalidInventoryException.class, () -> parse(text));

        assertThat(e.problems()).extracting(Problem::line).containsExactly(3, 3, 7, 11, 12);
        assertThat(e.problems()).extracting(Problem::message).anyMatch(m -> m.contains("ssh port 0"))
                .anyMatch(m -> m.contains("has no unit")).anyMatch(m -> m.contains("unknown key 'colour'"))
                .anyMatch(m -> m.contains("reversed")).anyMatch(m -> m.contains("not absolute"));
        assertThat(e.getMessage()).endsWith("5 problems in inventory");
        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_CONFIG);
    }

    @Test
    void aProblemRendersAsFileLineColumnThenTheLineThenTheHint() {
        String text = MINIMAL.replace("drives: {count: 4", "drvies: {count: 4");

        InvalidInventoryException e = catchThrowableOfType(InvalidInventoryException.class, () -> parse(text));

        assertThat(e.problems()).hasSize(1);
        assertThat(e.problems().get(0).render()).isEqualTo(Path.of("site", "inv.yaml") + ":11:5: unknown key 'drvies' in pool 'pool1'\n"
                + "    drvies: {count: 4, mount: \"/mnt/drive{1...4}\"}\n"
                + "  hint: did you mean 'drives'?");
    }

    @Test
    void drivesCountStopsAtTheLastTwoDigitLabel() {
        String hundred = MINIMAL.replace("drives: {count: 4, mount: \"/mnt/drive{1...4}\"}", "drives: {count: 100}");

        InvalidInventoryException e = catchThrowableOfType(InvalidInventoryException.class, () -> parse(hundred));

        assertThat(e).isNotNull();
        assertThat(e.problems()).hasSize(1);
        assertThat(e.problems().get(0).render()).isEqualTo(Path.of("site", "inv.yaml") + ":11:21: drives count 100 is out of range 1-99\n"
                + "    drives: {count: 100}\n"
                + "  hint: drive labels have two digits (d01 to d99): at most 99 data drives per host");
        assertThat(parse(MINIMAL.replace("drives: {count: 4, mount: \"/mnt/drive{1...4}\"}", "drives: {count: 99}"))
                .pools().get(0).drives().count()).isEqualTo(99);
    }

    @Test
    void aLiteralPasswordIsRefusedWithoutRepeatingIt() {
        String secret = "hunter2-Correct-Horse";
        String block = MINIMAL.replace("root_password: {env: AISTOR_ROOT_PASSWORD}", "root_password: " + secret);
        // On one line with another problem, so the line is quoted for that one too.
        String flow = MINIMAL.replaceAll("(?s)node:\n.*?\npools:", "node: {binary: {path: m, sha256: " + Inventories.SHA
                + "}, root_user: admin, root_password: " + secret + ", colour: blue}\npools:");

        for (String text : List.of(block, flow)) {
            InvalidInventoryException e = catchThrowableOfType(InvalidInventoryException.class, () -> parse(text));
            assertThat(e).isNotNull();
            assertThat(e.getMessage()).contains("root_password must not be written").contains("<redacted>").doesNotContain(secret);
        }
    }

    @Test
    void aSyntaxErrorOnAPasswordLineDoesNotShowThePassword() {
        String text = MINIMAL.replace("root_password: {env: AISTOR_ROOT_PASSWORD}", "root_password: s3cret: more");

        InvalidInventoryException e = catchThrowableOfType(InvalidInventoryException.class, () -> parse(text));

        assertThat(e.getMessage()).contains("YAML syntax").doesNotContain("s3cret");
    }

    @Test
    void anUnquotedMinioRangeInsideAFlowMappingGetsAHintToQuoteIt() {
        String text = MINIMAL.replace("\"/mnt/drive{1...4}\"", "/mnt/drive{1...4}");

        InvalidInventoryException e = catchThrowableOfType(InvalidInventoryException.class, () -> parse(text));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(11);
            assertThat(p.hint()).contains("quote").contains("\"/mnt/drive{1...8}\"");
        });
    }

    @Test
    void binaryIsOptionalForS3proxyButRequiredForMinio() {
        String withoutBinary = MINIMAL.replace("  binary: {path: artifacts/minio, sha256: " + Inventories.SHA + "}\n", "");

        assertThat(parse(withoutBinary.replace("node:\n", "node:\n  flavour: s3proxy\n")).node().binary()).isEmpty();
        assertThatThrownBy(() -> parse(withoutBinary)).hasMessageContaining("missing required key 'binary'");
    }

    @Test
    void validationNeitherReadsSecretsNorRequiresFilesToExist() {
        Inventory inv = parse(MINIMAL.replace("{env: AISTOR_ROOT_PASSWORD}", "{env: AISTORCTL_TEST_SURELY_UNSET_VARIABLE}"));

        assertThat(inv.node().rootPassword().toString()).isEqualTo("env:AISTORCTL_TEST_SURELY_UNSET_VARIABLE");
        assertThat(inv.node().binary().orElseThrow().path().orElseThrow()).doesNotExist();
    }

    @Test
    void hostNamesAreComparedWithoutCaseForDuplicatesAndOverrides() {
        String text = MINIMAL + "hosts:\n  NODE1.example.net: {address: 10.0.0.1}\n";

        assertThat(parse(text).hosts().get(0).address()).isEqualTo("10.0.0.1");
    }

    @Test
    void anOverrideAddressMayNotBeAnotherHostsName() {
        String text = MINIMAL + "hosts:\n  node1.example.net: {address: node2.example.net}\n";

        assertThatThrownBy(() -> parse(text)).hasMessageContaining("already the name of another host");
    }

    @Test
    void limitSelectsByGlobRangeCommaListOrPoolInInventoryOrder() {
        Inventory inv = InventoryLoader.load(good("two-pools.yaml"));

        assertThat(inv.limit("node0[1:2]*,node12*")).extracting(InventoryHost::name)
                .containsExactly("node01.dc1.example.net", "node02.dc1.example.net", "node12.dc1.example.net");
        assertThat(inv.limit("node12.dc1.example.net, node01.dc1.example.net")).extracting(InventoryHost::name)
                .containsExactly("node01.dc1.example.net", "node12.dc1.example.net");
        assertThat(inv.limit("pool2")).hasSize(4);
        assertThat(inv.limit("node0[12]*")).extracting(InventoryHost::name)
                .containsExactly("node01.dc1.example.net", "node02.dc1.example.net");
        assertThat(inv.limit("10.10.0.19")).extracting(InventoryHost::name).containsExactly("node09.dc1.example.net");
    }

    @Test
    void limitThatMatchesNothingIsAUsageErrorNamingTheItem() {
        Inventory inv = InventoryLoader.load(good("two-pools.yaml"));

        assertThatThrownBy(() -> inv.limit("node01*,nodee99*")).isInstanceOf(UsageException.class)
                .hasMessageContaining("'nodee99*' matches no host");
        assertThatThrownBy(() -> inv.limit(" , ")).isInstanceOf(UsageException.class);
    }

    @Test
    void aMissingFileIsAProblemNotAStackTrace() {
        InvalidInventoryException e = catchThrowableOfType(InvalidInventoryException.class,
                () -> InventoryLoader.load(Path.of("no", "such", "inventory.yaml")));

        assertThat(e.getMessage()).startsWith(Path.of("no", "such", "inventory.yaml") + ": no such file");
    }
}
