package dev.aistorctl.playbooks.drives;

import dev.aistorctl.core.text.UnifiedDiff;
import dev.aistorctl.core.Command;
import dev.aistorctl.core.ShellQuote;
import dev.aistorctl.facts.capture.CaptureBundle;
import dev.aistorctl.facts.capture.CaptureEntry;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.playbooks.Change;
import dev.aistorctl.playbooks.ChangeKey;
import dev.aistorctl.playbooks.Step;
import dev.aistorctl.playbooks.StepCheck;
import dev.aistorctl.playbooks.StepContext;
import dev.aistorctl.playbooks.StepParams;
import dev.aistorctl.playbooks.StepPlan;
import dev.aistorctl.storagenode.drives.MountRef;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * XFS gives up on a failing data drive instead of retrying forever: {@code max_retries} of the
 * {@code EIO}, {@code ENOSPC} and {@code default} error classes of every data drive is
 * {@value #DEFAULT_MAX_RETRIES}, as MinIO's hardware checklist asks ("Disable XFS retry on error":
 * the kernel's default of -1 retries indefinitely and hangs the server's I/O on a dying drive; MinIO
 * handles the error itself). The kernel forgets the setting at unmount, so a oneshot unit ordered
 * after the drives' mounts sets it again at every boot; a udev rule would run before the mount,
 * when {@code /sys/fs/xfs/DEVICE} does not exist yet.
 *
 * <p>Not applicable where {@code /sys/fs/xfs} is absent or read-only (a container: the setting
 * belongs to the kernel it shares with its host).
 */
public final class XfsErrorRetries implements Step {
    public static final String TYPE = "xfs-error-retries";
    public static final int DEFAULT_MAX_RETRIES = 0;
    public static final List<String> CLASSES = List.of("EIO", "ENOSPC", "default");
    public static final String UNIT = "aistorctl-xfs-retries.service";
    public static final String UNIT_PATH = "/etc/systemd/system/" + UNIT;
    public static final String SCRIPT_PATH = "/usr/local/lib/aistorctl/xfs-retries";

    private final int maxRetries;

    public XfsErrorRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    public static XfsErrorRetries fromParams(StepParams p) {
        p.allowOnly("max_retries");
        long v = p.integer("max_retries", DEFAULT_MAX_RETRIES);
        if (v < 0 || v > 1000) {
            throw p.fail("max_retries", "must be a finite count from 0 to 1000 (-1, retry forever, is what this step removes)");
        }
        return new XfsErrorRetries((int) v);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "XFS data drives fail fast on I/O errors (max_retries=" + maxRetries + ")";
    }

    @Override
    public StepCheck check(StepContext context) {
        InventoryHost h = context.inventoryHost();
        if (h.drives() == null) {
            return StepCheck.blocked("the inventory gives " + h.name() + " no drives rule");
        }
        CaptureBundle b = DriveProbe.run(context.connector(), h.drives().mounts());
        Integer exit = b.entry("xfs-retries.txt").map(CaptureEntry::exitCode).orElse(null);
        if (exit != null && exit == 2) {
            return StepCheck.notApplicable("no /sys/fs/xfs on this host (a container shares its kernel's XFS settings with its host)");
        }
        return StepCheck.ready();
    }

    @Override
    public StepPlan plan(StepContext context) {
        InventoryHost h = context.inventoryHost();
        CaptureBundle b = DriveProbe.run(context.connector(), h.drives().mounts());
        return plan(h, b);
    }

    /** What {@code path} will hold against the host's copy read into {@code source} (absent when it could not be read). */
    private static String diff(CaptureBundle b, String source, String path, String wanted) {
        return UnifiedDiff.of(path, failed(b, source) ? null : b.text(source).orElse(""), wanted);
    }

    StepPlan plan(InventoryHost h, CaptureBundle b) {
        List<Change> changes = new ArrayList<>();
        Map<String, String[]> values = new HashMap<>();
        for (String line : b.text("xfs-retries.txt").orElse("").split("\n")) {
            String[] f = line.split("\t");
            if (f.length == 4) {
                values.put(f[0] + "/" + f[1], f);
            }
        }
        String unit = unit(h.drives().mounts());
        String script = script(h.drives().mounts());
        if (!b.text("xfs-retries-script.txt").orElse("").equals(script) || failed(b, "xfs-retries-script.txt")) {
            changes.add(Change.of(ChangeKey.of("file", SCRIPT_PATH), SCRIPT_PATH, failed(b, "xfs-retries-script.txt") ? null : "other content", "sets max_retries at boot")
                    .withDiff(diff(b, "xfs-retries-script.txt", SCRIPT_PATH, script)));
        }
        if (!b.text("xfs-retries-unit.txt").orElse("").equals(unit) || failed(b, "xfs-retries-unit.txt")) {
            changes.add(Change.of(ChangeKey.of("file", UNIT_PATH), UNIT_PATH, failed(b, "xfs-retries-unit.txt") ? null : "other content", "oneshot after the drives' mounts")
                    .withDiff(diff(b, "xfs-retries-unit.txt", UNIT_PATH, unit)));
        }
        String enabled = b.text("xfs-retries-enabled.txt").orElse("").strip();
        if (!enabled.equals("enabled")) {
            changes.add(Change.of(ChangeKey.of("unit enabled", UNIT), UNIT + " enabled", enabled.isEmpty() ? null : enabled, "enabled"));
        }
        // The data drives' XFS instances, named in /sys/fs/xfs by their kernel device name.
        for (String mp : h.drives().mounts()) {
            String device = mountedDevice(b, mp);
            if (device == null) {
                continue;
            }
            String name = device.substring(device.lastIndexOf('/') + 1);
            for (String c : CLASSES) {
                String[] v = values.get(name + "/" + c);
                if (v == null || !v[2].equals(String.valueOf(maxRetries))) {
                    changes.add(Change.of(ChangeKey.of("xfs error setting", "/sys/fs/xfs/" + name + "/error/metadata/" + c + "/max_retries"),
                            "/sys/fs/xfs/" + name + "/error/metadata/" + c + "/max_retries (" + mp + ")",
                            v == null ? null : v[2], String.valueOf(maxRetries)));
                }
            }
        }
        if (changes.isEmpty()) {
            return StepPlan.nothingToDo(TYPE, h.name(), "max_retries is " + maxRetries + " for " + String.join(", ", CLASSES)
                    + " on every mounted data drive, and " + UNIT + " sets it at boot");
        }
        return StepPlan.changes(TYPE, h.name(), changes);
    }

    private static boolean failed(CaptureBundle b, String file) {
        return b.entry(file).map(CaptureEntry::failed).orElse(true);
    }

    private static String mountedDevice(CaptureBundle b, String mountPoint) {
        for (var d : dev.aistorctl.storagenode.drives.BlockDevices.from(b).drives()) {
            for (MountRef m : d.mounts()) {
                if (m.mountPoint().equals(mountPoint)) {
                    return m.device();
                }
            }
        }
        return null;
    }

    @Override
    public void apply(StepContext context, StepPlan plan) {
        List<String> mounts = context.inventoryHost().drives().mounts();
        context.runChecked(Command.of("mkdir", "-p", "/usr/local/lib/aistorctl").asRoot(), "create /usr/local/lib/aistorctl");
        context.connector().put(script(mounts).getBytes(StandardCharsets.UTF_8), SCRIPT_PATH, 0755);
        context.connector().put(unit(mounts).getBytes(StandardCharsets.UTF_8), UNIT_PATH, 0644);
        context.runChecked(Command.of("systemctl", "daemon-reload").asRoot(), "reload systemd");
        context.runChecked(Command.of("systemctl", "enable", UNIT).asRoot(), "enable " + UNIT);
        context.runChecked(Command.of("systemctl", "restart", UNIT).asRoot(), "run " + UNIT);
    }

    String script(List<String> mounts) {
        StringBuilder s = new StringBuilder("""
                #!/bin/sh
                # Written by aistorctl drives prepare. XFS data drives give up on I/O errors after %d retries
                # instead of retrying forever (MinIO's hardware checklist); the kernel forgets this at unmount,
                # so aistorctl-xfs-retries.service runs this at every boot, after the drives' mounts.
                status=0
                for mp in""".formatted(maxRetries));
        for (String m : mounts) {
            s.append(' ').append(ShellQuote.quote(m));
        }
        s.append("""
                ; do
                    dev=$(findmnt -n -o SOURCE --mountpoint "$mp") || { echo "$mp: not mounted, skipped"; continue; }
                    name=$(basename "$(readlink -f "$dev")")
                    for c in EIO ENOSPC default; do
                        echo %d >"/sys/fs/xfs/$name/error/metadata/$c/max_retries" || status=1
                    done
                done
                exit $status
                """.formatted(maxRetries));
        return s.toString();
    }

    static String unit(List<String> mounts) {
        String after = String.join(" ", mounts.stream().map(XfsErrorRetries::mountUnit).toList());
        return """
                # Written by aistorctl drives prepare.
                [Unit]
                Description=XFS data drives fail fast on I/O errors (aistorctl)
                After=local-fs.target %s

                [Service]
                Type=oneshot
                RemainAfterExit=yes
                ExecStart=%s

                [Install]
                WantedBy=multi-user.target
                """.formatted(after, SCRIPT_PATH);
    }

    /** systemd's name for the mount unit of a path ({@code systemd-escape -p --suffix=mount}). */
    static String mountUnit(String path) {
        String p = path.replaceAll("^/+|/+$", "").replaceAll("/+", "/");
        if (p.isEmpty()) {
            return "-.mount";
        }
        StringBuilder out = new StringBuilder();
        byte[] bytes = p.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i] & 0xff;
            if (c == '/') {
                out.append('-');
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ':' || c == '_'
                    || (c == '.' && i > 0)) {
                out.append((char) c);
            } else {
                out.append(String.format("\\x%02x", c));
            }
        }
        return out.append(".mount").toString();
    }
}
