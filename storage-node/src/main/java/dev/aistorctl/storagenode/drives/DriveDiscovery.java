package dev.aistorctl.storagenode.drives;

import dev.aistorctl.facts.capture.CaptureBundle;
import dev.aistorctl.inventory.DriveRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Drive discovery for one host: its capture bundle, and optionally its pool's rule and the
 * cluster's name, give every block device with its fingerprint, verdict and slot. Pure: it reads
 * the bundle and runs nothing, so a saved capture gives the same answer as the live host.
 */
public final class DriveDiscovery {
    private DriveDiscovery() {
    }

    public static HostDrives discover(String host, CaptureBundle bundle, Optional<String> pool, Optional<DriveRule> rule,
            Optional<String> cluster) {
        BlockDevices devices = BlockDevices.from(bundle);
        List<DriveCandidate> judged = new ArrayList<>();
        for (Drive d : devices.drives()) {
            judged.add(DriveEligibility.judge(d, rule, cluster));
        }
        HostDrives result = DriveSelection.select(host, pool.orElse(null), judged, rule, devices.notes());
        if (!devices.listed()) {
            String why = devices.notes().stream().filter(n -> n.startsWith("lsblk")).findFirst().orElse("lsblk.json missing");
            return new HostDrives(host, true, null, result.pool(), result.required(), 0,
                    "unknown: no block device list (" + why + ")", List.of(), devices.notes(), List.of());
        }
        return result;
    }
}
