package dev.aistorctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aistorctl.core.Command;
import dev.aistorctl.core.Connector;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.inventory.InventoryLoader;
import dev.aistorctl.storagenode.drives.DriveLabel;
import dev.aistorctl.storagenode.minio.MinioLicense;
import dev.aistorctl.storagenode.minio.MinioPaths;
import dev.aistorctl.storagenode.node.S3ProxyJar;
import dev.aistorctl.storagenode.node.Sha256;
import dev.aistorctl.workflows.remote.Connections;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storage node installed, started, proven and broken on real lab hosts: three hosts of the lab
 * flavour (S3Proxy behind minio.service), two data drives each. The tests build on each other in order.
 */
@Tag("lab")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeIT {
    private static final String JAR = "/usr/local/lib/aistor/s3proxy.jar";
    private static final String PROPERTIES = "/etc/default/s3proxy.properties";
    @RegisterExtension
    static final LabHosts lab = LabHosts.of("nodeit", 3, 2).withOwnHome();
    private static Inventory inventory;
    private static String password;
    /** Everything every command printed, searched for the password at the end. */
    private static final StringBuilder PRINTED = new StringBuilder();

    @BeforeAll
    static void up() throws IOException {
        inventory = InventoryLoader.load(lab.inventory());
        password = Files.readString(lab.state().rootPasswordFile()).strip();
        prepareDrives();
    }

    /**
     * XFS labelled for this cluster on every data drive, mounted at /mnt/driveN, as drive preparation leaves a host. The data
     * drives are the unmounted loop devices larger than the system disk; the same on every host.
     */
    static void prepareDrives() {
        String script = String.join("\n",
                "set -e; n=0",
                "for d in $(lsblk -dnb -o NAME,SIZE,MOUNTPOINT | awk '$3==\"\" && $2>=1073741825 {print $1}' | sort); do",
                "  n=$((n+1)); m=/mnt/drive$n",
                "  findmnt -rn --mountpoint $m >/dev/null && continue",
                "  mkfs.xfs -q -f -L " + DriveLabel.clusterTag(inventory.cluster().name()) + "d0$n /dev/$d; mkdir -p $m; mount -t xfs /dev/$d $m",
                "done",
                "findmnt -rn -o TARGET,FSTYPE | grep -c '^/mnt/drive[0-9]* xfs$'");
        for (InventoryHost h : inventory.hosts()) {
            ExecResult r = onHost(h.name(), Command.script(script).asRoot(), new byte[0]);
            assertThat(r.exitCode()).as(h.name() + ": prepare drives: " + r.stderrText()).isZero();
            assertThat(r.stdoutText().strip()).as(h.name() + ": XFS data mounts").isEqualTo("2");
        }
    }

    static ExecResult onHost(String host, Command command, byte[] stdin) {
        try (Connector c = new Connections(inventory, inventory.hosts(), false).open(host)) {
            return c.run(command, stdin, Duration.ofMinutes(2));
        }
    }

    static CliRun cli(String... args) {
        CliRun run = CliRun.of(args);
        PRINTED.append(run.out()).append(run.err());
        return run;
    }

    @Test
    @Order(0)
    void anEarlierDeploymentIsRefusedUntilNamedWithWipeThenEmptiedThroughThePlan() {
        String host = inventory.hosts().get(0).name();
        String earlier = "/mnt/drive1/.minio.sys";
        onHost(host, Command.script("mkdir -p " + earlier + "/buckets && echo '{\"version\":\"1\"}' > " + earlier
                + "/format.json && echo data > " + earlier + "/buckets/object").asRoot(), new byte[0]);

        CliRun refused = cli("node", "install", "-i", lab.inventory().toString());
        assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(1);
        assertThat(refused.out()).contains("earlier-deployment", "/mnt/drive1");

        CliRun dry = cli("node", "install", "-i", lab.inventory().toString(), "--dry-run", "--wipe", host + ":/mnt/drive1");
        assertThat(dry.exitCode()).as(dry.out() + dry.err()).isZero();
        assertThat(dry.out()).contains("DESTRUCTIVE", "empty " + earlier, "3 files and directories");
        assertThat(onHost(host, Command.script("ls " + earlier).asRoot(), new byte[0]).stdoutText()).contains("format.json");

        CliRun wiped = cli("node", "install", "-i", lab.inventory().toString(), "--wipe", host + ":/mnt/drive1");
        assertThat(wiped.exitCode()).as(wiped.out() + wiped.err()).isZero();
        assertThat(wiped.err()).contains("cluster nodeit is healthy: 3/3 nodes live");
        assertThat(onHost(host, Command.script("find " + earlier + " -name format.json -o -name object | wc -l").asRoot(),
                new byte[0]).stdoutText().strip()).as("the earlier deployment's files are gone").isEqualTo("0");
    }

    @Test
    @Order(1)
    void installStartsEveryNodeAndEachProvesItselfWithA64MiBRoundTrip() throws IOException {
        CliRun install = cli("node", "install", "-i", lab.inventory().toString());
        assertThat(install.exitCode()).as(install.out() + install.err()).isZero();
        assertThat(install.err()).contains("cluster nodeit is healthy: 3/3 nodes live");

        CliRun status = cli("status", "-i", lab.inventory().toString(), "--probe", "-o", "json");
        assertThat(status.exitCode()).as(status.out() + status.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(status.out());
        assertThat(doc.get("ok").asBoolean()).isTrue();
        assertThat(doc.get("note").asText()).contains("independent S3 server");
        assertThat(doc.get("hosts")).hasSize(3).allSatisfy(h -> {
            assertThat(h.get("service").asText()).isEqualTo("active");
            assertThat(h.get("live").asBoolean()).isTrue();
            assertThat(h.get("drives_mounted").asInt()).isEqualTo(2);
            assertThat(h.get("probe").get("verified").asBoolean()).as(h.toString()).isTrue();
            assertThat(h.get("probe").get("bytes").asLong()).isEqualTo(64L << 20);
        });
    }

    @Test
    @Order(2)
    void aSecondInstallPlansNoChange() {
        CliRun again = cli("node", "install", "-i", lab.inventory().toString());

        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).doesNotContain("Changes made");
        assertThat(again.out().lines().filter(l -> l.contains("3 hosts, 3 ok, 0 changed, 0 failed")).count()).isEqualTo(2);
    }

    @Test
    @Order(3)
    void aWrongChecksumRefusesTheInstallAndTheOldBinaryKeepsRunning(@TempDir Path dir) throws IOException {
        String jar = S3ProxyJar.locate().toString();
        String bad = "0".repeat(64);
        Path inv = lab.inventoryWith(dir, "bad-sha.yaml", "node: {flavour: s3proxy,",
                "node: {flavour: s3proxy, binary: {path: " + jar + ", sha256: " + bad + "},");

        CliRun run = cli("node", "install", "-i", inv.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("refusing to install it", bad);
        assertThat(run.err()).contains("not starting the cluster");
        String good = Sha256.of(Path.of(jar));
        for (InventoryHost h : inventory.hosts()) {
            assertThat(onHost(h.name(), Command.of("sha256sum", JAR), new byte[0]).stdoutText()).startsWith(good);
            assertThat(onHost(h.name(), Command.of("systemctl", "is-active", "minio"), new byte[0]).stdoutText().strip())
                    .isEqualTo("active");
            assertThat(onHost(h.name(), Command.of("ls", "/usr/local/lib/aistor"), new byte[0]).stdoutText().strip())
                    .as("no staged copy left behind").isEqualTo("s3proxy.jar");
        }
        assertThat(cli("status", "-i", lab.inventory().toString()).exitCode()).isZero();
    }

    @Test
    @Order(4)
    void aStoppedNodeIsNamedByStatusAndNodeStartBringsItBack() {
        String node2 = inventory.hosts().get(1).name();
        assertThat(onHost(node2, Command.of("systemctl", "stop", "minio").asRoot(), new byte[0]).exitCode()).isZero();

        CliRun status = cli("status", "-i", lab.inventory().toString());

        assertThat(status.exitCode()).isEqualTo(1);
        assertThat(status.out()).contains(node2 + ": minio.service is inactive", "NOT healthy", "down: " + node2);

        CliRun start = cli("node", "start", "-i", lab.inventory().toString(), "--timeout", "2m");
        assertThat(start.exitCode()).as(start.out() + start.err()).isZero();
        assertThat(cli("status", "-i", lab.inventory().toString()).exitCode()).isZero();
    }

    @Test
    @Order(5)
    void restartAsksForTheClusterNameUnlessToldYes() {
        CliRun refused = cli("node", "restart", "-i", lab.inventory().toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("--yes");
        CliRun mistyped = CliRun.typing("nodeit-typo", "node", "restart", "-i", lab.inventory().toString());
        assertThat(mistyped.exitCode()).isEqualTo(2);
        assertThat(mistyped.err()).contains("not the cluster's name", "nothing was restarted");

        CliRun restart = cli("node", "restart", "-i", lab.inventory().toString(), "--yes");
        assertThat(restart.exitCode()).as(restart.out() + restart.err()).isZero();
        assertThat(restart.out()).contains("restarted with the whole cluster (requested)");
    }

    @Test
    @Order(6)
    void theRootPasswordIsOnlyInThePropertiesFile() throws IOException {
        assertThat(password).hasSizeGreaterThanOrEqualTo(8);
        assertThat(PRINTED.toString()).doesNotContain(password);
        try (Stream<Path> files = Files.walk(lab.home())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain(password);
            }
        }
        for (InventoryHost h : inventory.hosts()) {
            // The password travels on stdin, so it is not on any command line either.
            ExecResult grep = onHost(h.name(), Command.of("grep", "-rlF", "-f", "-", "/etc", "/var/lib/aistorctl", "/tmp", "/root")
                    .asRoot(), password.getBytes(StandardCharsets.UTF_8));
            assertThat(grep.stdoutText().lines().toList()).as(h.name()).isEqualTo(List.of(PROPERTIES));
        }
    }

    /**
     * The plan of a MinIO node on these hosts, no license: what /etc/default/minio will hold (MINIO_VOLUMES, MINIO_OPTS) is
     * shown once for the three hosts, the password never, and the missing license is warned of with the plan, in its
     * JSON and in its journal. Any executable of the hosts' architecture stands for the binary: nothing is uploaded.
     */
    @Test
    @Order(7)
    void aMinioPlanShowsWhatTheEnvironmentFileWillHoldAndWarnsOfTheMissingLicense(@TempDir Path dir) throws IOException {
        Path binary = Path.of("/usr/bin/true");
        Path inv = lab.inventoryWith(dir, "minio-plan.yaml", "node: {flavour: s3proxy,",
                "node: {flavour: minio, binary: {path: " + binary + ", sha256: " + Sha256.of(binary) + "},");
        String hosts = "nodeit-node{1...3}";

        CliRun dry = cli("node", "install", "-i", inv.toString(), "--dry-run");
        assertThat(dry.exitCode()).as(dry.out() + dry.err()).isZero();
        assertThat(dry.out()).contains("\n  " + hosts + ": step 4 configuration files: " + MinioPaths.ENV_FILE + ": ")
                .contains("\n      +MINIO_VOLUMES=\"http://" + hosts + ":9000/mnt/drive{1...2}/minio\"\n")
                .contains("\n      +MINIO_OPTS=\"--address :9000 --console-address :9001\"\n")
                .contains("\n      +MINIO_ROOT_PASSWORD=<redacted>\n")
                // The file's comments are not shaped like a credential: the password is the one thing masked.
                .contains("\n      +# The root password below makes this file mode 0640, owner root, group minio-user.\n")
                .contains("Warnings:\n  " + hosts + ": step 4 configuration files: WARN " + MinioLicense.MISSING_WARNING + "\n");
        assertThat(dry.out().split("MINIO_VOLUMES=", -1)).as("once for the three hosts").hasSize(2);
        assertThat(dry.out().split("<redacted>", -1)).as("the password line alone is masked").hasSize(2);

        CliRun json = cli("node", "install", "-i", inv.toString(), "--dry-run", "-o", "json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(json.out());
        assertThat(doc.get("warnings").toString()).contains("no license");
        assertThat(doc.toString()).contains("+MINIO_VOLUMES=");
        Matcher journal = Pattern.compile("dry run (\\S+): playbook node-install").matcher(dry.err());
        assertThat(journal.find()).as(dry.err()).isTrue();
        assertThat(Files.readString(lab.home().resolve("runs").resolve(journal.group(1)).resolve("journal.jsonl"))).contains("no license");
        for (InventoryHost h : inventory.hosts()) {
            assertThat(onHost(h.name(), Command.script("test -e " + MinioPaths.ENV_FILE + " && echo present || echo absent").asRoot(),
                    new byte[0]).stdoutText().strip()).as(h.name() + ": a dry run writes nothing").isEqualTo("absent");
        }
        assertThat(PRINTED.toString()).doesNotContain(password);
    }

    @Test
    @Order(8)
    void theMinioFlavourRunsForRealWhenABinaryIsGiven(@TempDir Path dir) throws IOException {
        String binary = System.getenv("AISTORCTL_TEST_MINIO_BINARY");
        if (binary == null || binary.isBlank()) {
            System.err.println("NodeIT: flavour minio NOT tested: AISTORCTL_TEST_MINIO_BINARY is not set (MinIO AIStor"
                    + " cannot be downloaded here); set it to a minio binary to run this case");
            return;
        }
        Path inv = lab.inventoryWith(dir, "minio.yaml", "node: {flavour: s3proxy,",
                "node: {flavour: minio, binary: {path: " + binary + ", sha256: " + Sha256.of(Path.of(binary)) + "},");
        for (InventoryHost h : inventory.hosts()) {
            onHost(h.name(), Command.script("systemctl stop minio; rm -rf /mnt/drive*/minio").asRoot(), new byte[0]);
        }
        CliRun install = cli("node", "install", "-i", inv.toString(), "--timeout", "3m");
        assertThat(install.exitCode()).as(install.out() + install.err()).isZero();
        CliRun status = cli("status", "-i", inv.toString(), "--probe", "-o", "json");
        assertThat(status.exitCode()).as(status.out() + status.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(status.out());
        assertThat(doc.get("health").get("quorum").asBoolean()).isTrue();
        assertThat(PRINTED.toString()).doesNotContain(password);
    }
}
