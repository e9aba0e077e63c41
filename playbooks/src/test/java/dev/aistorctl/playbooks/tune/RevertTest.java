package dev.aistorctl.playbooks.tune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.playbooks.Change;
import dev.aistorctl.playbooks.ChangeKey;
import dev.aistorctl.playbooks.StepPlan;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RevertTest {
    private static final String FILE = SysctlSetting.FILE;

    private static Map<String, String> wanted() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("net.core.somaxconn", "65535");
        m.put("net.ipv4.tcp_rmem", "4096 1048576 67108864");
        return m;
    }

    @Test
    void theFirstApplyRecordsTheValuesItReplacesBeforeChangingThem() {
        ReplayContext host = new ReplayContext(new Captured()
                .sysctl("net.core.somaxconn", "4096")
                .sysctl("net.ipv4.tcp_rmem", "4096\t131072\t6291456")
                .file(FILE, null).file(OriginalValues.PATH, null).text());
        SysctlSetting step = new SysctlSetting("p", wanted(), FILE, false);

        step.apply(host, step.plan(host));

        String script = host.changeScripts().get(0);
        String record = OriginalValues.empty()
                .recordIfNew("file " + FILE, null)
                .recordIfNew("sysctl net.core.somaxconn", "4096")
                .recordIfNew("sysctl net.ipv4.tcp_rmem", "4096 131072 6291456").render();
        assertThat(script).contains("p " + OriginalValues.PATH + " " + dev.aistorctl.core.ShellQuote.quote(Captured.b64(record)));
        assertThat(script.indexOf(OriginalValues.PATH)).as("recorded before anything changes")
                .isLessThan(script.indexOf("w /proc/sys"));
    }

    @Test
    void aRerunNeverOverwritesARecordedOriginal() {
        OriginalValues record = OriginalValues.empty().recordIfNew("sysctl net.core.somaxconn", "128");
        ReplayContext host = new ReplayContext(new Captured()
                .sysctl("net.core.somaxconn", "4096")
                .sysctl("net.ipv4.tcp_rmem", "4096 1048576 67108864")
                .file(FILE, null).file(OriginalValues.PATH, record.render()).text());
        SysctlSetting step = new SysctlSetting("p", wanted(), FILE, false);

        step.apply(host, step.plan(host));

        OriginalValues written = OriginalValues.parse("node1", Optional.of(decodedRecord(host.changeScripts().get(0))));
        assertThat(written.get("sysctl net.core.somaxconn")).contains("128");
        assertThat(written.get("file " + FILE)).isEmpty();
        assertThat(written.has("sysctl net.ipv4.tcp_rmem")).as("unchanged, so not recorded").isFalse();
    }

    @Test
    void revertPlansCurrentToOriginalRemovesTheFileAndDropsTheRecord() {
        OriginalValues record = OriginalValues.empty()
                .recordIfNew("sysctl net.core.somaxconn", "4096")
                .recordIfNew("file " + FILE, null);
        ReplayContext host = new ReplayContext(new Captured()
                .sysctl("net.core.somaxconn", "65535")
                .sysctl("net.ipv4.tcp_rmem", "4096 1048576 67108864")
                .file(FILE, "net.core.somaxconn = 65535\n").file(OriginalValues.PATH, record.render()).text());
        SysctlSetting step = new SysctlSetting("p", wanted(), FILE, true);

        StepPlan plan = step.plan(host);
        step.apply(host, plan);

        assertThat(plan.changes()).containsExactly(
                Change.of(ChangeKey.of("value", "/proc/sys/net/core/somaxconn"), "sysctl net.core.somaxconn", "65535", "4096"),
                Change.of(ChangeKey.of("file", FILE), FILE, "1 setting line, sha256 " + plan.changes().get(1).before().split("sha256 ")[1], "(absent)"));
        String script = host.changeScripts().get(0);
        assertThat(script).contains("w /proc/sys/net/core/somaxconn 4096", "rm -f -- /etc/sysctl.d/60-aistor.conf",
                "rm -f -- " + OriginalValues.PATH).doesNotContain("tcp_rmem");
    }

    @Test
    void aRevertedHostHasNothingToRevert() {
        ReplayContext host = new ReplayContext(new Captured()
                .sysctl("net.core.somaxconn", "4096")
                .sysctl("net.ipv4.tcp_rmem", "4096 131072 6291456")
                .file(FILE, null).file(OriginalValues.PATH, null).text());

        StepPlan plan = new SysctlSetting("p", wanted(), FILE, true).plan(host);

        assertThat(plan.nothingToDoBecause()).startsWith("nothing recorded to restore");
    }

    @Test
    void aPreExistingFileIsRestoredNotRemoved() {
        OriginalValues record = OriginalValues.empty().recordIfNew("file " + OpenFileLimit.FILE, "* soft nofile 4096\n");
        ReplayContext host = new ReplayContext(new Captured()
                .file(OpenFileLimit.FILE, OpenFileLimit.render("p", "minio-user", 1048576))
                .file(OriginalValues.PATH, record.render()).text());
        OpenFileLimit step = new OpenFileLimit("p", "minio-user", 1048576L, true);

        step.apply(host, step.plan(host));

        assertThat(host.changeScripts().get(0)).contains("p " + OpenFileLimit.FILE + " " + dev.aistorctl.core.ShellQuote.quote(Captured.b64("* soft nofile 4096\n")));
    }

    private static String decodedRecord(String script) {
        String line = script.lines().filter(l -> l.startsWith("p " + OriginalValues.PATH + " ")).findFirst().orElseThrow();
        String b64 = line.substring(line.lastIndexOf(' ') + 1).replace("'", "");
        return new String(java.util.Base64.getDecoder().decode(b64), java.nio.charset.StandardCharsets.UTF_8);
    }
}
