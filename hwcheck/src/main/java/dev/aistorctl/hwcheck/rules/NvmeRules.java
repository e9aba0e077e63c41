package dev.aistorctl.hwcheck.rules;

import dev.aistorctl.core.text.ByteSize;
import dev.aistorctl.core.text.Glob;
import dev.aistorctl.facts.facts.HostFacts;
import dev.aistorctl.facts.facts.NvmeDrive;
import dev.aistorctl.hwcheck.profile.RuleSettings;
import dev.aistorctl.hwcheck.profile.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/** nvme.count, nvme.model, nvme.same_model, nvme.size. Health and links are in their own classes. */
final class NvmeRules {
    static final String NVME_CLI_HINT = "install nvme-cli on the host (apt install nvme-cli)";

    private NvmeRules() {
    }

    static List<Finding> count(HostFacts facts, RuleSettings s) {
        Outcome o = new Outcome(s);
        String expected = Ranges.describe(s);
        if (facts.nvme() == null) {
            return List.of(o.unknown(expected, unknownDrives(facts), null));
        }
        DataDrives data = DataDrives.of(facts);
        int n = data.drives().size();
        String actual = String.valueOf(n);
        if (Ranges.contains(s, n)) {
            return List.of(o.pass(expected, actual, n + " NVMe data drives" + data.osNote(), null));
        }
        String serials = data.drives().stream().map(NvmeRules::name).collect(Collectors.joining(", "));
        return List.of(o.deviation(expected, actual, n + " NVMe data drives, the profile needs " + expected + data.osNote()
                        + (serials.isEmpty() ? "" : "; found: " + serials),
                "check that every drive is seated and enabled in the BIOS, then compare the serials with the delivery note", null));
    }

    static List<Finding> model(HostFacts facts, RuleSettings s) {
        Outcome o = new Outcome(s);
        List<String> globs = s.strings("matches");
        String expected = "matching " + String.join(" or ", globs);
        return perDrive(facts, o, expected, d -> {
            if (d.model() == null) {
                return o.unknown(expected, Unknown.plain("no model reported for " + d.device(), NVME_CLI_HINT), d.serial());
            }
            return Glob.anyMatchesIgnoringCase(globs, d.model()) ? o.pass(expected, d.model(), name(d) + " is " + d.model(), d.serial())
                    : o.deviation(expected, d.model(), name(d) + " is " + d.model() + ", the profile needs " + expected,
                    "replace the drive with the model the design names", d.serial());
        });
    }

    /** All data drives one model; the odd ones out are named against the majority model. */
    static List<Finding> sameModel(HostFacts facts, RuleSettings s) {
        Outcome o = new Outcome(s);
        if (facts.nvme() == null) {
            return List.of(o.unknown("one model", unknownDrives(facts), null));
        }
        List<NvmeDrive> drives = DataDrives.of(facts).drives();
        Map<String, Long> counts = drives.stream().collect(Collectors.groupingBy(d -> Objects.toString(d.model(), "unknown model"), Collectors.counting()));
        if (counts.size() <= 1) {
            String model = counts.isEmpty() ? "no drives" : counts.keySet().iterator().next();
            return List.of(o.pass("one model", model, drives.size() + " drives, one model: " + model, null));
        }
        String majority = counts.entrySet().stream().max(Map.Entry.<String, Long>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).orElseThrow().getKey();
        String mix = counts.entrySet().stream().map(e -> e.getValue() + "x " + e.getKey()).collect(Collectors.joining(", "));
        List<Finding> findings = new ArrayList<>();
        for (NvmeDrive d : drives) {
            String model = Objects.toString(d.model(), "unknown model");
            if (!model.equals(majority)) {
                findings.add(o.deviation(majority, model, name(d) + " is " + model + " among " + mix,
                        "mixed models make erasure sets perform at the slowest drive; replace it with " + majority, d.serial()));
            }
        }
        return findings;
    }

    static List<Finding> size(HostFacts facts, RuleSettings s) {
        Outcome o = new Outcome(s);
        Long min = s.bytes("min").orElse(null);
        Long max = s.bytes("max").orElse(null);
        String expected = min != null && max != null ? ByteSize.precise(min) + " to " + ByteSize.precise(max)
                : min != null ? ">= " + ByteSize.precise(min) : "<= " + ByteSize.precise(max);
        return perDrive(facts, o, expected, d -> {
            if (d.sizeBytes() == null) {
                return o.unknown(expected, Unknown.plain("no size reported for " + d.device(), NVME_CLI_HINT), d.serial());
            }
            String actual = ByteSize.precise(d.sizeBytes());
            boolean ok = (min == null || d.sizeBytes() >= min) && (max == null || d.sizeBytes() <= max);
            return ok ? o.pass(expected, actual, name(d) + " holds " + actual, d.serial())
                    : o.deviation(expected, actual, name(d) + " holds " + actual + ", the profile needs " + expected,
                    "a smaller size is another model or a drive formatted with a smaller namespace (nvme id-ns)", d.serial());
        });
    }

    /** One finding per data drive, or why there are none to judge. */
    static List<Finding> perDrive(HostFacts facts, Outcome o, String expected, Function<NvmeDrive, Finding> check) {
        if (facts.nvme() == null) {
            return List.of(o.unknown(expected, unknownDrives(facts), null));
        }
        List<NvmeDrive> drives = DataDrives.of(facts).drives();
        if (drives.isEmpty()) {
            return List.of(noDrives(o));
        }
        return drives.stream().map(check).toList();
    }

    static Finding noDrives(Outcome o) {
        Finding pass = o.pass(null, "no drives", "no NVMe data drives to check; nvme.count judges how many there must be", null);
        return new Finding(pass.rule(), Severity.SKIP, null, pass.actual(), pass.message(), null, null);
    }

    static Unknown unknownDrives(HostFacts facts) {
        return Unknown.of(facts.sources(), Unknown.NVME, "NVMe drives", NVME_CLI_HINT);
    }

    /** "nvme0n1 (serial S1234)": a field engineer finds the drive by its serial. */
    static String name(NvmeDrive d) {
        return d.device() + " (serial " + d.serial() + ")";
    }
}
