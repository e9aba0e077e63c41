package dev.aistorctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aistorctl.core.Command;
import dev.aistorctl.core.Connector;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryLoader;
import dev.aistorctl.workflows.remote.Connections;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole install on VM hosts, each with its own kernel and NVMe drives, in order: provision from blank to a
 * healthy cluster with every tuning setting live in the guests' kernels; a reboot of every host after which the
 * cluster is healthy again by itself and tune finds nothing to do; a revert that a second reboot keeps; and a drive
 * pulled out of a host that still boots and whose status names the drive.
 */
@Tag("lab")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VmInstallIT {
    private static final String NAME = "vmins";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the built-in tuning profile sets, one of each kind, as the guest's kernel prints it back. */
    private static final Map<String, String> TUNED = Map.of("vm.swappiness", "0", "vm.dirty_ratio", "10",
            "kernel.hung_task_timeout_secs", "85", "fs.xfs.xfssyncd_centisecs", "72000", "net.core.rmem_max", "67108864",
            "net.core.somaxconn", "65535", "thp.enabled", "always [madvise] never", "thp.defrag",
            "always defer [defer+madvise] madvise never", "thp.max_ptes_none", "0", "nvme.scheduler", "[none] mq-deadline");
    private static final String READ_SETTINGS = """
            for k in vm.swappiness vm.dirty_ratio kernel.hung_task_timeout_secs net.core.rmem_max net.core.somaxconn; do
                echo "$k=$(sysctl -n $k)"
            done
            echo "fs.xfs.xfssyncd_centisecs=$(cat /proc/sys/fs/xfs/xfssyncd_centisecs 2>/dev/null || echo 'no xfs module')"
            t=/sys/kernel/mm/transparent_hugepage
            echo "thp.enabled=$(cat $t/enabled)"
            echo "thp.defrag=$(cat $t/defrag)"
            echo "thp.max_ptes_none=$(cat $t/khugepaged/max_ptes_none)"
            echo "nvme.scheduler=$(cat /sys/block/nvme*n1/queue/scheduler | sort -u | tr '\\n' ' ' | sed 's/ *$//')"
            """;
    /** max_retries of the error classes drives prepare sets, on every NVMe drive's XFS: "12 0" for 4 drives. */
    private static final String MAX_RETRIES =
            "for c in EIO ENOSPC default; do cat /sys/fs/xfs/nvme*/error/metadata/$c/max_retries; done | sort | uniq -c";
    private static Path inventoryFile;
    private static Inventory inventory;
    private static List<String> hosts;
    /**
     * Per host, the settings as the freshly booted guest had them. Reading them loads no module: XFS is not
     * loaded before the first XFS mount, and a plan made before that must hold after it.
     */
    private static final Map<String, Map<String, String>> originals = new LinkedHashMap<>();

    @BeforeAll
    static void up(@TempDir Path home) throws IOException {
        assertThat(System.getProperty("user.name")).as("lab tests run as root").isEqualTo("root");
        System.setProperty("aistorctl.home", home.toString());
        CliRun.of("lab", "down", "--name", NAME);
        CliRun up = timed("lab up", () -> CliRun.of("lab", "up", "--name", NAME, "--kind", "vm", "--hosts", "2", "--drives", "4"));
        assertThat(up.exitCode()).as(up.out() + up.err()).isZero();
        JsonNode status = JSON.readTree(CliRun.of("lab", "status", "--name", NAME, "-o", "json").out());
        inventoryFile = Path.of(status.get("inventory").asText());
        inventory = InventoryLoader.load(inventoryFile);
        hosts = inventory.hosts().stream().map(h -> h.name()).toList();
        hosts.forEach(h -> originals.put(h, settings(h)));
    }

    @AfterAll
    static void down() {
        System.clearProperty("aistorctl.home");
        CliRun.of("lab", "down", "--name", NAME);
    }

    @Test
    @Order(1)
    void provisionEndsHealthyWithEveryTuningSettingLiveInTheGuestsKernels() throws IOException {
        assertThat(originals.values()).as("the guests start untuned").allSatisfy(o -> assertThat(o).isNotEqualTo(TUNED));

        // S3Proxy's JVM took 231 s to answer in an emulated guest on a loaded machine: more than the default 5 min is kept.
        CliRun run = timed("provision", () -> CliRun.of("provision", "-i", inventoryFile.toString(), "--yes", "--wipe-drives",
                "--timeout", "15m", "-o", "json"));

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode doc = JSON.readTree(run.out());
        assertThat(doc.get("outcome").asText()).isEqualTo("ok");
        assertThat(doc.get("status").get("hosts")).hasSize(2)
                .allSatisfy(h -> assertThat(h.get("probe").get("verified").asBoolean()).as(h.toString()).isTrue());
        for (String h : hosts) {
            assertThat(settings(h)).as(h).isEqualTo(TUNED);
            assertThat(onHost(h, MAX_RETRIES).strip())
                    .as(h + ": EIO, ENOSPC and default of 4 drives").isEqualTo("12 0");
            assertThat(onHost(h, "cat /etc/udev/rules.d/60-aistor-nvme.rules")).contains("scheduler", "none");
            assertThat(openFileLimit(h)).as(h).isEqualTo("1048576");
        }
    }

    @Test
    @Order(2)
    void afterARebootOfEveryHostTheClusterIsHealthyByItselfAndTuneHasNothingToDo() throws IOException {
        reboot();

        for (String h : hosts) {
            assertThat(onHost(h, "grep -c '^LABEL=' /etc/fstab; findmnt -rn -t xfs -o TARGET | grep -c '^/mnt/drive'"))
                    .as(h + ": fstab lines and XFS mounts").isEqualTo("4\n4\n");
            assertThat(settings(h)).as(h).isEqualTo(TUNED);
            assertThat(onHost(h, MAX_RETRIES).strip()).isEqualTo("12 0");
            assertThat(openFileLimit(h)).as(h).isEqualTo("1048576");
        }
        CliRun status = CliRun.of("status", "-i", inventoryFile.toString(), "--probe", "-o", "json");
        assertThat(status.exitCode()).as(status.out() + status.err()).isZero();
        JsonNode doc = JSON.readTree(status.out());
        assertThat(doc.get("ok").asBoolean()).isTrue();
        assertThat(doc.get("hosts")).hasSize(2).allSatisfy(h -> {
            assertThat(h.get("service").asText()).isEqualTo("active");
            assertThat(h.get("drives_mounted").asInt()).isEqualTo(4);
            assertThat(h.get("probe").get("verified").asBoolean()).as(h.toString()).isTrue();
        });

        CliRun dry = CliRun.of("tune", "-i", inventoryFile.toString(), "--dry-run", "-o", "json");
        assertThat(dry.exitCode()).as(dry.out() + dry.err()).isZero();
        assertThat(JSON.readTree(dry.out()).get("summary").get("steps_changed").asInt()).as(dry.out()).isZero();
    }

    @Test
    @Order(3)
    void revertRestoresTheOriginalsAndASecondRebootKeepsThem() {
        CliRun revert = CliRun.of("tune", "-i", inventoryFile.toString(), "--revert");

        assertThat(revert.exitCode()).as(revert.out() + revert.err()).isZero();
        for (String h : hosts) {
            assertThat(settings(h)).as(h).isEqualTo(reverted(h));
        }
        reboot();
        for (String h : hosts) {
            assertThat(settings(h)).as(h + " after a reboot").isEqualTo(reverted(h));
            assertThat(onHost(h, "ls /etc/sysctl.d /etc/modules-load.d /etc/udev/rules.d /etc/tmpfiles.d /etc/security/limits.d"))
                    .doesNotContain("aistor");
        }
    }

    @Test
    @Order(4)
    void aHostWithADrivePulledOutStillBootsAndStatusNamesTheDriveBySerialAndMountPoint() {
        String host = hosts.get(1);
        String serial = (NAME + "n2d3").toUpperCase(java.util.Locale.ROOT);
        String mount = onHost(host, "grep -A1 'serial " + serial + " ' /etc/fstab | grep -o ' /mnt/drive[0-9]* '").strip();
        assertThat(mount).as("the fstab line written for " + serial).startsWith("/mnt/drive");

        CliRun unplug = timed("lab unplug", () -> CliRun.of("lab", "unplug", "--name", NAME, host, "3"));
        assertThat(unplug.exitCode()).as(unplug.out() + unplug.err()).isZero();
        assertThat(onHost(host, "cat /sys/class/nvme/*/serial")).as("the guest let go of the drive").doesNotContain(serial)
                .contains(serial.replace("D3", "D1"));
        CliRun reboot = timed("lab reboot " + host, () -> CliRun.of("lab", "reboot", "--name", NAME, host));
        assertThat(reboot.exitCode()).as(reboot.out() + reboot.err()).isZero();

        assertThat(onHost(host, "nvme list | grep -c " + NAME.toUpperCase(java.util.Locale.ROOT) + "; findmnt -rn -t xfs -o TARGET | grep -c '^/mnt/drive'"))
                .isEqualTo("3\n3\n");
        CliRun status = CliRun.of("status", "-i", inventoryFile.toString());
        assertThat(status.exitCode()).as(status.out() + status.err()).isEqualTo(1);
        assertThat(status.out()).contains(host + ": 3 of 4 data drives mounted as XFS; missing: " + mount + " (serial " + serial + ")");
        assertThat(status.out()).doesNotContain(hosts.get(0) + ": ");
    }

    /** Reboots every host at once through the CLI and returns when each answers SSH in its new boot. */
    private static void reboot() {
        String[] args = new String[4 + hosts.size()];
        System.arraycopy(new String[] {"lab", "reboot", "--name", NAME}, 0, args, 0, 4);
        for (int i = 0; i < hosts.size(); i++) {
            args[4 + i] = hosts.get(i);
        }
        CliRun run = timed("lab reboot of every host", () -> CliRun.of(args));
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.err() + run.out()).contains("is up again after");
    }

    /** The original settings of a host, XFS's as its module had it when tune first loaded it: the kernel's default. */
    private static Map<String, String> reverted(String host) {
        Map<String, String> out = new LinkedHashMap<>(originals.get(host));
        assertThat(out).containsEntry("fs.xfs.xfssyncd_centisecs", "no xfs module");
        out.put("fs.xfs.xfssyncd_centisecs", "3000");
        return out;
    }

    /** The watched settings of one host, as its kernel has them now. */
    private static Map<String, String> settings(String host) {
        Map<String, String> out = new LinkedHashMap<>();
        onHost(host, READ_SETTINGS).lines().forEach(l -> out.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        return out;
    }

    /** The open file limit a login of the storage service's user gets, through PAM's limits. */
    private static String openFileLimit(String host) {
        return onHost(host, "runuser -u minio-user -- sh -c 'ulimit -n'").strip();
    }

    private static String onHost(String host, String script) {
        try (Connector c = new Connections(inventory, inventory.hosts(), false).open(host)) {
            ExecResult r = c.run(Command.script(script).asRoot(), new byte[0], Duration.ofMinutes(3));
            assertThat(r.exitCode()).as(host + ": " + script + "\n" + r.stderrText()).isZero();
            return r.stdoutText();
        }
    }

    /** Runs one step and prints its wall time, for the record of how long each takes on emulated hosts. */
    private static CliRun timed(String what, java.util.function.Supplier<CliRun> step) {
        long t0 = System.nanoTime();
        CliRun run = step.get();
        System.err.printf("VmInstallIT: %s took %.1f s%n", what, (System.nanoTime() - t0) / 1e9);
        Matcher m = Pattern.compile("(\\S+) \\(\\S+\\) is up again after (\\S+ s)").matcher(run.err() + run.out());
        while (m.find()) {
            System.err.println("VmInstallIT:   " + m.group(1) + " up again after " + m.group(2));
        }
        return run;
    }
}
