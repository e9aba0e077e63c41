package dev.aistorctl.storagenode.drives;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Devices of one host that share a serial or a WWN. A serial does not name one device: dual-path
 * SAS without multipathd shows one disk twice (same serial, same WWN), and NVMe namespaces carry
 * their controller's serial. Every device whose identity another device also has is denied
 * ({@link DenyReason#DUPLICATE_IDENTITY}), naming the other devices, so neither is selected or
 * formatted. The one exception is told apart by more than the serial: namespaces {@code nvmeXnY}
 * and {@code nvmeXnZ} of one controller, each with its own WWN (NGUID or EUI-64). Loop devices have
 * no serial: two attached over one image file are one disk too, told by their backing file. When in
 * doubt, deny.
 */
public final class DuplicateIdentity {
    private static final Pattern NVME_NAMESPACE = Pattern.compile("/dev/nvme(\\d+)n(\\d+)");

    private DuplicateIdentity() {
    }

    /** {@code judged} with every device that shares its identity with another denied; the order is kept. */
    public static List<DriveCandidate> deny(List<DriveCandidate> judged) {
        List<DriveCandidate> out = new ArrayList<>(judged.size());
        for (int i = 0; i < judged.size(); i++) {
            Map<String, List<String>> others = new LinkedHashMap<>();
            for (int j = 0; j < judged.size(); j++) {
                if (i == j) {
                    continue;
                }
                Drive a = judged.get(i).drive();
                Drive b = judged.get(j).drive();
                for (String shared : shared(a, b)) {
                    others.computeIfAbsent(shared, k -> new ArrayList<>()).add(b.path());
                }
            }
            if (others.isEmpty()) {
                out.add(judged.get(i));
                continue;
            }
            List<String> parts = new ArrayList<>();
            others.forEach((what, paths) -> parts.add(what + " is also on " + String.join(", ", paths)));
            out.add(judged.get(i).deny(DenyReason.of(DenyReason.DUPLICATE_IDENTITY, "duplicate identity: "
                    + String.join("; ", parts) + " (two paths to one disk, or devices nothing tells apart)")));
        }
        return out;
    }

    /** What {@code a} and {@code b} share that should name one device: "serial X", "WWN Y", "backing file Z"; empty when nothing. */
    static List<String> shared(Drive a, Drive b) {
        List<String> shared = new ArrayList<>();
        if (present(a.serial()) && a.serial().equals(b.serial()) && !distinctNamespaces(a, b)) {
            shared.add("serial " + a.serial());
        }
        if (present(a.wwn()) && a.wwn().equals(b.wwn())) {
            shared.add("WWN " + a.wwn());
        }
        if (present(a.backingFile()) && a.backingFile().equals(b.backingFile())) {
            shared.add("backing file " + a.backingFile());
        }
        return shared;
    }

    /** Two namespaces of one NVMe controller, each with a WWN of its own. */
    private static boolean distinctNamespaces(Drive a, Drive b) {
        if (!nvme(a) || !nvme(b) || !present(a.wwn()) || !present(b.wwn()) || a.wwn().equals(b.wwn())) {
            return false;
        }
        Matcher ma = NVME_NAMESPACE.matcher(a.path() == null ? "" : a.path());
        Matcher mb = NVME_NAMESPACE.matcher(b.path() == null ? "" : b.path());
        return ma.matches() && mb.matches() && ma.group(1).equals(mb.group(1)) && !ma.group(2).equals(mb.group(2));
    }

    private static boolean nvme(Drive d) {
        return d.transport() != null && d.transport().toLowerCase(Locale.ROOT).equals("nvme");
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
