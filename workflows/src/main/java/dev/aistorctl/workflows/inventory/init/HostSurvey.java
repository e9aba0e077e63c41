package dev.aistorctl.workflows.inventory.init;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.aistorctl.facts.FactsAssembler;
import dev.aistorctl.facts.capture.CaptureBundle;
import dev.aistorctl.facts.facts.HostFacts;
import dev.aistorctl.inventory.DriveRule;
import dev.aistorctl.inventory.DriveSelector;
import dev.aistorctl.storagenode.drives.BlockDevices;
import dev.aistorctl.storagenode.drives.DenyReason;
import dev.aistorctl.storagenode.drives.Drive;
import dev.aistorctl.storagenode.drives.DriveCandidate;
import dev.aistorctl.storagenode.drives.DriveEligibility;

/**
 * What {@code inventory init} learned about one host: its facts and its data drives. The drive guard
 * ({@link DriveEligibility}) decides which devices can never be data drives — the system disk, anything
 * mounted, in fstab, held, read-only, removable or too small, and what is not a drive at all — so that
 * init and {@code drives prepare} cannot disagree about the OS disk. A device the guard refuses only for
 * what is on it (a foreign filesystem, a partition table) is still a data drive of the hardware; it is
 * counted, and named as a caveat, since {@code drives prepare} will refuse it until it is wiped.
 *
 * @param error     why the host could not be surveyed; null when it was
 * @param drives    the data drives by kind, each with the device names; empty when none (or unknown)
 * @param setAside  devices that are not data drives, each with the reason ("sda: system disk: holds /")
 * @param caveats   data drives {@code drives prepare} will refuse as they are, each with the reason
 */
public record HostSurvey(String host, String error, HostFacts facts, Map<DataDriveKind, List<String>> drives,
                         List<String> setAside, List<String> caveats) {
    /** The guard's reasons that make a device no data drive at all, as opposed to one that needs wiping first. */
    private static final Set<String> NOT_DATA = Set.of(DenyReason.NOT_A_DRIVE, DenyReason.SYSTEM_DISK, DenyReason.MOUNTED,
            DenyReason.IN_FSTAB, DenyReason.HELD, DenyReason.READ_ONLY, DenyReason.REMOVABLE, DenyReason.TOO_SMALL);
    /** A rule that selects nothing out: every device is judged on its own state only. */
    private static final DriveRule ANY_DRIVE = new DriveRule(1, DriveSelector.ANY, "/mnt/drive1", List.of("/mnt/drive1"));

    public HostSurvey {
        drives = drives == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(drives));
        setAside = List.copyOf(setAside);
        caveats = List.copyOf(caveats);
    }

    /** A host that could not be surveyed; {@code error} without a leading "host: ", which every line adds itself. */
    public static HostSurvey unreachable(String host, String error) {
        String why = error == null ? "no answer" : error.startsWith(host + ": ") ? error.substring(host.length() + 2) : error;
        return new HostSurvey(host, why, null, Map.of(), List.of(), List.of());
    }

    public static HostSurvey of(String host, CaptureBundle bundle) {
        HostFacts facts = FactsAssembler.from(bundle);
        BlockDevices devices = BlockDevices.from(bundle);
        Map<List<String>, List<Drive>> byModel = new LinkedHashMap<>();
        List<String> setAside = new ArrayList<>();
        List<String> caveats = new ArrayList<>();
        if (!devices.listed()) {
            setAside.add("no block device list: " + String.join("; ", devices.notes()));
        }
        for (Drive d : devices.drives()) {
            DriveCandidate judged = DriveEligibility.judge(d, Optional.of(ANY_DRIVE), Optional.empty());
            List<DenyReason> notData = judged.denyReasons().stream().filter(r -> NOT_DATA.contains(r.code())).toList();
            if (!notData.isEmpty()) {
                setAside.add(d.name() + ": " + messages(notData));
                continue;
            }
            if (d.sizeBytes() == null) {
                setAside.add(d.name() + ": size not reported");
                continue;
            }
            byModel.computeIfAbsent(java.util.Arrays.asList(blankToNull(d.transport()), blankToNull(d.model())),
                    k -> new ArrayList<>()).add(d);
            if (!judged.denyReasons().isEmpty()) {
                caveats.add(d.name() + ": " + messages(judged.denyReasons()));
            }
        }
        Map<DataDriveKind, List<String>> kinds = new LinkedHashMap<>();
        byModel.forEach((key, list) -> {
            long smallest = list.stream().mapToLong(Drive::sizeBytes).min().orElseThrow();
            long largest = list.stream().mapToLong(Drive::sizeBytes).max().orElseThrow();
            kinds.put(new DataDriveKind(key.get(0), key.get(1), smallest, largest), list.stream().map(Drive::name).toList());
        });
        return new HostSurvey(host, null, facts, kinds, setAside, caveats);
    }

    public boolean reachable() {
        return error == null;
    }

    /** How many devices of each kind, the kinds ordered by count and then size (the likely data drives first). */
    public List<Map.Entry<DataDriveKind, Integer>> kindCounts() {
        List<Map.Entry<DataDriveKind, Integer>> out = new ArrayList<>();
        drives.forEach((k, names) -> out.add(Map.entry(k, names.size())));
        out.sort((a, b) -> a.getValue().equals(b.getValue())
                ? Long.compare(b.getKey().sizeBytes(), a.getKey().sizeBytes()) : b.getValue() - a.getValue());
        return out;
    }

    private static String messages(List<DenyReason> reasons) {
        return String.join("; ", reasons.stream().map(DenyReason::message).toList());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
