package dev.aistorctl.hwcheck.accept;

import dev.aistorctl.core.text.Glob;
import dev.aistorctl.hwcheck.profile.HardwareProfile;
import dev.aistorctl.hwcheck.profile.RuleSettings;
import dev.aistorctl.hwcheck.profile.Severity;
import dev.aistorctl.hwcheck.rules.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Judges every drive's measured throughput twice: against the figure the profile gives for its model
 * ({@code accept.drive_spec}: below {@code tolerance_percent} of it fails) and against the drives of
 * the same model across the cluster ({@code accept.drive_peers}: below {@code fraction_percent} of
 * their median fails, even where no spec figure is known). A slow drive's hint names the likeliest
 * cause the host showed: a PCIe link below its capability (the drive's own, or that of a port it sits behind), firmware
 * unlike its peers'.
 */
public final class DriveGates {
    public static final String SPEC = "accept.drive_spec";
    public static final String PEERS = "accept.drive_peers";

    private DriveGates() {
    }

    /** Findings per host, hosts and drives in the order measured. */
    public static Map<String, List<Finding>> judge(HardwareProfile profile, List<DriveThroughput> drives) {
        Map<String, List<Finding>> out = new LinkedHashMap<>();
        drives.forEach(d -> out.computeIfAbsent(d.host(), h -> new ArrayList<>()));
        Optional<RuleSettings> spec = profile.rule(SPEC);
        RuleSettings peers = profile.rule(PEERS).orElse(null);
        Map<String, List<DriveThroughput>> byModel = drives.stream()
                .collect(Collectors.groupingBy(DriveThroughput::modelGroup, LinkedHashMap::new, Collectors.toList()));
        for (DriveThroughput d : drives) {
            List<Finding> findings = out.get(d.host());
            spec.ifPresent(s -> findings.addAll(againstSpec(s, d, drives)));
            if (peers != null) {
                findings.addAll(againstPeers(peers, d, byModel.get(d.modelGroup())));
            }
        }
        return out;
    }

    static List<Finding> againstSpec(RuleSettings s, DriveThroughput d, List<DriveThroughput> all) {
        List<String> models = s.strings("models");
        if (!models.isEmpty() && (d.model() == null || !Glob.anyMatchesIgnoringCase(models, d.model().strip()))) {
            return List.of(new Finding(SPEC, Severity.SKIP, String.join(" | ", models), d.model() == null ? "no model" : d.model(),
                    d.label() + ": the profile gives no figure for this model", null, d.label()));
        }
        double tolerance = s.number("tolerance_percent").orElse(80.0) / 100.0;
        List<Finding> out = new ArrayList<>();
        s.number("read_mbps").ifPresent(figure -> out.add(gate(SPEC, s, d).judge("read", "sequential read", d.readMbps(), figure,
                tolerance, "spec", () -> cause(d, all))));
        s.number("write_mbps").ifPresent(figure -> out.add(gate(SPEC, s, d).judge("write", "sequential write", d.writeMbps(), figure,
                tolerance, "spec", () -> cause(d, all))));
        return out;
    }

    static List<Finding> againstPeers(RuleSettings s, DriveThroughput d, List<DriveThroughput> group) {
        if (group.size() < 2) {
            return List.of(Finding.pass(PEERS, "peers of model " + d.modelGroup(), "no other drive of this model",
                    d.label() + ": nothing to compare with", d.label()));
        }
        double fraction = s.number("fraction_percent").orElse(70.0) / 100.0;
        List<Finding> out = new ArrayList<>();
        out.add(againstMedian(s, "read", d, group, DriveThroughput::readMbps, fraction));
        out.add(againstMedian(s, "write", d, group, DriveThroughput::writeMbps, fraction));
        return out;
    }

    private static Finding againstMedian(RuleSettings s, String what, DriveThroughput d, List<DriveThroughput> group,
                                         ToDoubleFunction<DriveThroughput> figure, double fraction) {
        return gate(PEERS, s, d).againstMedian(what, "sequential " + what, figure.applyAsDouble(d),
                group.stream().map(figure::applyAsDouble).toList(), fraction, d.modelGroup() + " drives", () -> cause(d, group));
    }

    private static Gate gate(String rule, RuleSettings s, DriveThroughput d) {
        return new Gate(rule, s.severity(), d.label(), Gate.Unit.MBPS);
    }

    /** The likeliest reason this drive is slow, from what its host showed of it. */
    static String cause(DriveThroughput d, List<DriveThroughput> peers) {
        String reseat = ": reseat the drive, check the backplane cable and the slot's bifurcation in the BIOS";
        if (d.linkBelowCapability()) {
            return "its PCIe link runs at " + d.linkNow() + " of its " + d.linkMax() + " (LnkSta below LnkCap)" + reseat;
        }
        Optional<DriveThroughput.PortLink> port = d.upstream().stream().filter(DriveThroughput.PortLink::belowCapability).findFirst();
        if (port.isPresent()) {
            return "the PCIe port it sits behind, " + port.get().address() + ", runs at " + port.get().linkNow() + " of its "
                    + port.get().linkMax() + " (lspci -vv -s " + port.get().address() + ": LnkSta below LnkCap)" + reseat;
        }
        Optional<String> usual = peers.stream().map(DriveThroughput::firmware).filter(f -> f != null && !f.isBlank())
                .collect(Collectors.groupingBy(f -> f, Collectors.counting())).entrySet().stream()
                .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
        if (d.firmware() != null && usual.isPresent() && !usual.get().equals(d.firmware())) {
            return "its firmware " + d.firmware() + " differs from its peers' " + usual.get() + ": update it to the same release";
        }
        return "its link and firmware match its peers: look for I/O limits on the drive (cgroup blkio throttling, thermal "
                + "throttling: nvme smart-log), other I/O on it during the test, or a failing drive (media errors)";
    }

    static String mbps(double v) {
        return Gate.mbps(v);
    }
}
