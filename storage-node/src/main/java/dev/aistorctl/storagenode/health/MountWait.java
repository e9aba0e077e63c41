package dev.aistorctl.storagenode.health;

import dev.aistorctl.storagenode.minio.MinioPaths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A data mount whose pending start the service's own start waits behind, as systemd has it. After a boot
 * with a data drive gone, the drive's mount waits for a device that never comes until its device timeout
 * (fstab's {@code x-systemd.device-timeout}) runs out, and the service, ordered after every data mount, stays
 * "inactive" meanwhile: the question a field engineer asks is what it waits for and until when.
 *
 * <p>Read from systemd, never guessed from the clock: the service has a start job queued
 * ({@code systemctl list-jobs}), the mount's unit is one the service is ordered after ({@code After=}) or
 * needs ({@code RequiresMountsFor=}), is not active and has a job of its own; its device's start job still
 * running means the device has not appeared, and that device unit's {@code JobRunningTimeoutUSec} is when
 * systemd gives up on it.
 *
 * @param mount         the data mount point
 * @param deviceMissing its device's start job is still running: the device has not appeared
 * @param deviceTimeout how long systemd waits for the device in its own words ({@code 3min}), empty when unknown
 * @param required      the service needs the mount ({@code RequiresMountsFor=}), not merely starts after it
 */
public record MountWait(String mount, boolean deviceMissing, String deviceTimeout, boolean required) {

    /**
     * Shell lines that, given {@code $active} (the service's {@code is-active} answer), set {@code waiting} when the
     * service is not running but has a start job queued, and then print the {@code == jobs} and {@code == unit}
     * sections {@link #fromSections} reads. The units are asked about only then: a running service costs nothing.
     */
    public static final String ASK_IF_WAITING = String.join("\n",
            "waiting=",
            "if [ \"$active\" != active ]; then",
            "  jobs=$(systemctl list-jobs --no-legend --full --plain 2>/dev/null)",
            "  case \"$jobs\" in *\" " + MinioPaths.SERVICE + " \"*) waiting=1;; esac",
            "fi",
            "if [ -n \"$waiting\" ]; then",
            "  echo \"== jobs\"; printf '%s\\n' \"$jobs\"",
            "  echo \"== unit\"; systemctl show -p After -p RequiresMountsFor " + MinioPaths.SERVICE + " 2>/dev/null",
            "fi");

    /**
     * Shell lines that, given {@code $m} (a data mount) after {@link #ASK_IF_WAITING}, print its
     * {@code == systemd MOUNT} section: the mount unit and its device unit, only when the service waits.
     */
    public static final String ASK_ABOUT_MOUNT = String.join("\n",
            "if [ -n \"$waiting\" ]; then",
            "  echo \"== systemd $m\"; systemctl show -p Id -p ActiveState -p What \"$m\" 2>/dev/null",
            "  what=$(systemctl show -p What --value \"$m\" 2>/dev/null)",
            "  [ -n \"$what\" ] && systemctl show -p Id -p JobRunningTimeoutUSec \"$what\" 2>/dev/null | sed 's/^/Device/'",
            "fi");

    /**
     * What the sections printed by {@link #ASK_IF_WAITING} and {@link #ASK_ABOUT_MOUNT} say, from a script's
     * output split into {@code == SECTION} blocks (other sections are ignored).
     */
    public static List<MountWait> fromSections(Map<String, List<String>> sections) {
        Map<String, List<String>> units = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : sections.entrySet()) {
            if (e.getKey().startsWith("systemd ")) {
                units.put(e.getKey().substring(8), e.getValue());
            }
        }
        return parse(sections.getOrDefault("jobs", List.of()), sections.getOrDefault("unit", List.of()), units);
    }

    /**
     * The service's state as a field engineer should read it: {@code inactive}, or when it waits for data mounts,
     * {@code inactive, waiting for /mnt/drive3 (...)}.
     */
    public static String explain(String serviceState, List<MountWait> waits) {
        return waits.isEmpty() ? serviceState : serviceState + ", " + describe(waits);
    }

    /**
     * @param jobs   the lines of {@code systemctl list-jobs --no-legend --full --plain}: {@code JOB UNIT TYPE STATE}
     * @param unit   the lines of {@code systemctl show -p After -p RequiresMountsFor} of the service
     * @param mounts per data mount, in order, the lines of {@code systemctl show -p Id -p ActiveState -p What MOUNT}
     *               followed by its device unit's {@code Id} and {@code JobRunningTimeoutUSec}, each prefixed
     *               {@code Device}
     */
    public static List<MountWait> parse(List<String> jobs, List<String> unit, Map<String, List<String>> mounts) {
        Set<String> pending = new HashSet<>();
        for (String line : jobs) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 3 && f[2].equals("start")) {
                pending.add(f[1]);
            }
        }
        if (!pending.contains(MinioPaths.SERVICE)) {
            return List.of();
        }
        Map<String, String> service = properties(unit);
        Set<String> after = Set.of(service.getOrDefault("After", "").split("\\s+"));
        Set<String> required = Set.of(service.getOrDefault("RequiresMountsFor", "").split("\\s+"));
        List<MountWait> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : mounts.entrySet()) {
            Map<String, String> m = properties(e.getValue());
            String id = m.getOrDefault("Id", "");
            boolean needed = required.contains(e.getKey());
            if (id.isEmpty() || !(needed || after.contains(id)) || "active".equals(m.get("ActiveState")) || !pending.contains(id)) {
                continue;
            }
            boolean missing = pending.contains(m.getOrDefault("DeviceId", ""));
            out.add(new MountWait(e.getKey(), missing, m.getOrDefault("DeviceJobRunningTimeoutUSec", ""), needed));
        }
        return List.copyOf(out);
    }

    /**
     * What the service waits for, in one phrase: {@code waiting for /mnt/drive3 (its device has not appeared;
     * systemd gives up after 3 min, then starts the service without it)}.
     */
    public static String describe(List<MountWait> waits) {
        List<String> parts = new ArrayList<>();
        for (MountWait w : waits) {
            parts.add(w.mount() + " (" + w.reason() + ")");
        }
        return "waiting for " + String.join(", ", parts);
    }

    /** Why this mount is not there yet and what systemd does next. */
    public String reason() {
        String then = required ? "then the service fails to start" : "then starts the service without it";
        if (!deviceMissing) {
            return "its mount has not finished";
        }
        if (deviceTimeout.isEmpty()) {
            return "its device has not appeared";
        }
        if (deviceTimeout.equals("infinity") || deviceTimeout.equals("0")) {
            return "its device has not appeared; systemd waits for it without a time limit";
        }
        return "its device has not appeared; systemd gives up after " + spaced(deviceTimeout) + ", " + then;
    }

    /** systemd's {@code 1min 30s} as {@code 1 min 30 s}. */
    private static String spaced(String timespan) {
        return timespan.replaceAll("(\\d)([a-zµ])", "$1 $2");
    }

    private static Map<String, String> properties(List<String> lines) {
        Map<String, String> out = new HashMap<>();
        for (String l : lines) {
            int eq = l.indexOf('=');
            if (eq > 0) {
                out.putIfAbsent(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
            }
        }
        return out;
    }
}
