package dev.aistorctl.storagenode.drives;

import dev.aistorctl.inventory.DriveRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which devices a pool's rule takes, as which drive. This cluster's prepared drives keep the slot
 * their label names (a converged host keeps every drive where it is); blank eligible drives fill
 * the free slots in {@link DriveOrder}. Fewer usable drives than {@code drives.count} is a problem
 * naming every candidate and why it was not usable; more takes the first ones and names the rest.
 * Devices that share a serial or WWN ({@link DuplicateIdentity}) are denied before anything is taken.
 */
public final class DriveSelection {
    private DriveSelection() {
    }

    public static HostDrives select(String host, String pool, List<DriveCandidate> judged, Optional<DriveRule> rule,
            List<String> notes) {
        // a serial or WWN on two devices: neither is trusted to be the drive it names
        List<DriveCandidate> all = new ArrayList<>(DuplicateIdentity.deny(judged));
        all.sort((a, b) -> DriveOrder.ORDER.compare(a.drive(), b.drive()));
        if (rule.isEmpty()) {
            return new HostDrives(host, true, null, pool, null, 0, null, List.of(), notes, all);
        }
        int count = rule.get().count();
        List<String> mounts = rule.get().mounts();
        if (mounts.size() < count) {
            // the loader refuses such a rule; one built in code must not take a slot it has no mount path for
            return new HostDrives(host, true, null, pool, count, 0, "the drive rule gives " + mounts.size() + " mount "
                    + (mounts.size() == 1 ? "path" : "paths") + " for " + count + " drives: one mount path per drive",
                    List.of(), notes, all);
        }

        // two drives claiming one slot: neither is trusted with it
        Map<Integer, List<Integer>> bySlot = new LinkedHashMap<>();
        for (int i = 0; i < all.size(); i++) {
            DriveCandidate c = all.get(i);
            if (c.state() == DriveState.PREPARED) {
                bySlot.computeIfAbsent(c.preparedIndex(), k -> new ArrayList<>()).add(i);
            }
        }
        boolean[] taken = new boolean[count + 1];
        for (Map.Entry<Integer, List<Integer>> slot : bySlot.entrySet()) {
            List<Integer> claimants = slot.getValue();
            if (claimants.size() > 1) {
                for (int i : claimants) {
                    List<String> others = claimants.stream().filter(j -> j != i).map(j -> all.get(j).drive().path()).toList();
                    all.set(i, all.get(i).deny(DenyReason.of(DenyReason.LABEL_CONFLICT, "drive " + slot.getKey()
                            + " label is also on " + String.join(", ", others))));
                }
            } else if (slot.getKey() >= 1 && slot.getKey() <= count) {
                int i = claimants.get(0);
                int index = slot.getKey();
                all.set(i, all.get(i).select(index, mounts.get(index - 1)));
                taken[index] = true;
            }
        }
        // this cluster's drive whose format was cut short goes back to the slot its label names, if still free
        for (int i = 0; i < all.size(); i++) {
            DriveCandidate c = all.get(i);
            Integer labelled = c.preparedIndex();
            if (c.eligible() && labelled != null && labelled >= 1 && labelled <= count && !taken[labelled]) {
                all.set(i, c.select(labelled, mounts.get(labelled - 1)));
                taken[labelled] = true;
            }
        }
        List<String> leftOut = new ArrayList<>();
        int next = 1;
        for (int i = 0; i < all.size(); i++) {
            if (!all.get(i).eligible() || all.get(i).selected()) {
                continue;
            }
            while (next <= count && taken[next]) {
                next++;
            }
            if (next > count) {
                leftOut.add(all.get(i).drive().path());
                continue;
            }
            all.set(i, all.get(i).select(next, mounts.get(next - 1)));
            taken[next] = true;
        }
        int selected = (int) all.stream().filter(DriveCandidate::selected).count();
        String problem = null;
        if (selected < count) {
            List<String> found = new ArrayList<>();
            for (DriveCandidate c : all) {
                if (c.denyReasons().stream().noneMatch(r -> r.code().equals(DenyReason.NOT_A_DRIVE))) {
                    found.add(c.drive().path() + " " + c.describe());
                }
            }
            problem = "needs " + count + " data drives, found " + selected + " usable"
                    + (found.isEmpty() ? " (no candidate drive at all)" : ": " + String.join("; ", found));
        }
        return new HostDrives(host, true, null, pool, count, selected, problem, leftOut, notes, all);
    }
}
