package dev.aistorctl.storagenode.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code systemctl} answering as it did on the VM host booted without data drive 3 (its answers are in
 * {@code systemd/survey-boot-with-drive3-missing.txt}), so the scripts that ask systemd can be run for real.
 */
final class SystemctlAfterABootWithoutDrive3 {
    private static final String SCRIPT = String.join("\n",
            "#!/bin/sh",
            "case \"$*\" in",
            "  'is-active minio.service') echo inactive; exit 3;;",
            "  'list-jobs --no-legend --full --plain') printf '%s\\n' '20  mnt-drive3.mount start waiting' \\",
            "      '111 minio.service start waiting' '21  dev-disk-by\\x2dlabel-9a3162e8d03.device start running';;",
            "  'show -p After -p RequiresMountsFor minio.service') printf 'After=mnt-drive3.mount basic.target mnt-drive1.mount\\nRequiresMountsFor=\\n';;",
            "  'show -p Id -p ActiveState -p What /mnt/drive1') printf 'What=/dev/nvme0n1\\nId=mnt-drive1.mount\\nActiveState=active\\n';;",
            "  'show -p What --value /mnt/drive1') echo /dev/nvme0n1;;",
            "  'show -p Id -p JobRunningTimeoutUSec /dev/nvme0n1') printf 'Id=dev-nvme0n1.device\\nJobRunningTimeoutUSec=1min 30s\\n';;",
            "  'show -p Id -p ActiveState -p What /mnt/drive3') printf 'What=/dev/disk/by-label/9a3162e8d03\\nId=mnt-drive3.mount\\nActiveState=inactive\\n';;",
            "  'show -p What --value /mnt/drive3') echo /dev/disk/by-label/9a3162e8d03;;",
            "  'show -p Id -p JobRunningTimeoutUSec /dev/disk/by-label/9a3162e8d03') printf '%s\\n' 'Id=dev-disk-by\\x2dlabel-9a3162e8d03.device' \\",
            "      'JobRunningTimeoutUSec=3min';;",
            "  *) echo \"systemctl: not expected: $*\" >&2; exit 1;;",
            "esac", "");

    private SystemctlAfterABootWithoutDrive3() {
    }

    /** Runs {@code argv} with this systemctl first on the PATH; its output, having asked systemctl nothing unexpected. */
    static String run(Path dir, List<String> argv) throws Exception {
        Path systemctl = dir.resolve("systemctl");
        Files.writeString(systemctl, SCRIPT);
        Files.setPosixFilePermissions(systemctl, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().put("PATH", dir + ":" + System.getenv("PATH"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out).doesNotContain("not expected");
        return out;
    }
}
