package dev.aistorctl.playbooks.tune;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The files tune writes on hosts, exactly. */
class RenderedFilesTest {

    @Test
    void sysctlFile() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("net.core.somaxconn", "65535");
        settings.put("net.ipv4.tcp_rmem", "4096 1048576 67108864");
        assertThat(SysctlSetting.render("aistor-performance", settings)).isEqualTo("""
                # Kernel settings of tuning profile aistor-performance, written by aistorctl tune; applied at boot by
                # systemd-sysctl. The next run overwrites edits here: change the profile instead.
                # Keys this host cannot set (not in its kernel, or global while this host is a container) are
                # left out, so boot logs no errors for them; aistorctl tune reports them as not applicable.
                net.core.somaxconn = 65535
                net.ipv4.tcp_rmem = 4096 1048576 67108864
                """);
    }

    @Test
    void nvmeUdevRule() {
        assertThat(SysctlSetting.TEMPLATES.render("aistor-nvme.rules", Map.of("profile", "aistor-performance", "scheduler", "none")))
                .isEqualTo("""
                # Written by aistorctl tune (profile aistor-performance): I/O scheduler none for NVMe namespaces,
                # which queue in the drive; applied whenever udev sees one (boot, hotplug, rescan).
                ACTION=="add|change", SUBSYSTEM=="block", KERNEL=="nvme[0-9]*n[0-9]*", ENV{DEVTYPE}=="disk", ATTR{queue/scheduler}="none"
                """);
    }

    @Test
    void cpuGovernorUnit() {
        assertThat(CpuGovernor.unit("aistor-performance", "performance")).isEqualTo("""
                # Written by aistorctl tune (profile aistor-performance): CPU frequency governor performance on every CPU
                # at boot. The cpufreq driver may be a module, hence after systemd-modules-load.
                [Unit]
                Description=CPU frequency governor performance for MinIO AIStor
                After=systemd-modules-load.service
                ConditionPathExists=/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor

                [Service]
                Type=oneshot
                RemainAfterExit=yes
                ExecStart=/bin/sh -c 'for g in /sys/devices/system/cpu/cpu[0-9]*/cpufreq/scaling_governor; do echo performance > "$g"; done'

                [Install]
                WantedBy=multi-user.target
                """);
    }

    @Test
    void transparentHugePagesTmpfiles() {
        String text = SysctlSetting.TEMPLATES.render("aistor-transparent-hugepages.conf", Map.of("profile", "aistor-performance",
                "settings", List.of(Map.of("path", "/sys/kernel/mm/transparent_hugepage/enabled", "value", "madvise"),
                        Map.of("path", "/sys/kernel/mm/transparent_hugepage/defrag", "value", "defer+madvise"))));
        assertThat(text).isEqualTo("""
                # Transparent huge pages of tuning profile aistor-performance, written by aistorctl tune; applied at boot
                # by systemd-tmpfiles ("w": write the argument to the file if it exists).
                w /sys/kernel/mm/transparent_hugepage/enabled - - - - madvise
                w /sys/kernel/mm/transparent_hugepage/defrag - - - - defer+madvise
                """);
    }

    @Test
    void openFileLimits() {
        assertThat(OpenFileLimit.render("aistor-performance", "minio-user", 1048576)).isEqualTo("""
                # Written by aistorctl tune (profile aistor-performance): open files for the storage service's user, for
                # logins and su; the service itself gets LimitNOFILE in its systemd unit.
                minio-user soft nofile 1048576
                minio-user hard nofile 1048576
                """);
    }
}
