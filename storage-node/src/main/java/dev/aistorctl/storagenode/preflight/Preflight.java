package dev.aistorctl.storagenode.preflight;

import dev.aistorctl.core.text.ByteSize;
import dev.aistorctl.storagenode.node.ElfMachine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What must hold before a cluster is first started, judged from the nodes' surveys and clock samples.
 * Pure: every finding can be reproduced from captured output.
 */
public final class Preflight {
    /** MinIO rejects requests whose signature time is far off and peers that drift; a few seconds is already a fault. */
    public static final double MAX_SKEW_SECONDS = 3.0;
    /** The unit's LimitNOFILE; the kernel refuses a larger limit than fs.nr_open and the service would not start. */
    public static final long OPEN_FILES = 1_048_576;
    /** Below this a drive cannot even hold the 64 MiB probe object with MinIO's metadata. */
    public static final long MIN_FREE_BYTES = 256L << 20;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private Preflight() {
    }

    /**
     * @param expectedAddress each cluster name to the address the inventory reaches it at
     * @param wipe            {@code HOST:MOUNT} pairs the user named for wiping
     */
    public static List<PreflightFinding> evaluate(List<NodeSurvey> surveys, Map<String, String> expectedAddress,
                                                  List<ClockSample> clocks, int port, Set<String> wipe) {
        List<PreflightFinding> out = new ArrayList<>();
        for (NodeSurvey s : surveys) {
            dataPaths(s, wipe, out);
            if (!s.serviceRunning() && !s.portListeners().isEmpty()) {
                out.add(new PreflightFinding(s.host(), "port-in-use", "API port " + port + " is already in use while "
                        + "minio.service is " + s.serviceState() + ": " + s.portListeners().get(0).strip(),
                        "stop whatever listens there, or choose another node.api_port"));
            }
            if (s.nrOpen() >= 0 && s.nrOpen() < OPEN_FILES) {
                out.add(new PreflightFinding(s.host(), "open-files", "fs.nr_open is " + s.nrOpen() + ", below the unit's LimitNOFILE="
                        + OPEN_FILES + "; the service would fail to start", "raise it: sysctl -w fs.nr_open=" + OPEN_FILES
                        + " (aistorctl tune sets it)"));
            }
        }
        names(surveys, expectedAddress, out);
        out.addAll(clockSkew(clocks));
        out.addAll(consistency(surveys));
        return out;
    }

    private static void dataPaths(NodeSurvey s, Set<String> wipe, List<PreflightFinding> out) {
        for (MountSurvey m : s.mounts()) {
            if (!m.mounted()) {
                out.add(new PreflightFinding(s.host(), "data-path", m.mount() + " is not a mounted filesystem: MinIO's data would"
                        + " land on the root filesystem", "format and mount the drive first (aistorctl drives prepare)"));
                continue;
            }
            if (!m.fstype().equals("xfs")) {
                out.add(new PreflightFinding(s.host(), "data-path", m.mount() + " is " + m.fstype() + ", not XFS",
                        "MinIO needs XFS drives; reformat it (aistorctl drives prepare)"));
            }
            if (!m.formatFiles().isEmpty() && !s.stamped() && !wipe.contains(s.host() + ":" + m.mount())) {
                out.add(new PreflightFinding(s.host(), "earlier-deployment", m.mount() + " carries an earlier deployment ("
                        + m.formatFiles().get(0) + ")", "save what it holds, then name it for wiping: --wipe "
                        + s.host() + ":" + m.mount()));
            }
            if (m.availBytes() >= 0 && m.availBytes() < MIN_FREE_BYTES) {
                out.add(new PreflightFinding(s.host(), "free-space", m.mount() + " has only " + ByteSize.decimal(m.availBytes())
                        + " free", "free space on the drive or replace it"));
            }
        }
    }

    private static void names(List<NodeSurvey> surveys, Map<String, String> expectedAddress, List<PreflightFinding> out) {
        for (Map.Entry<String, String> e : expectedAddress.entrySet()) {
            String name = e.getKey();
            String expected = isAddress(e.getValue()) ? e.getValue() : null;
            String agreed = null;
            String agreedOn = null;
            for (NodeSurvey s : surveys) {
                List<String> addrs = s.resolved().getOrDefault(name, List.of());
                if (addrs.isEmpty()) {
                    out.add(new PreflightFinding(s.host(), "name-resolution", name + " does not resolve",
                            "add it to DNS or /etc/hosts on every node"));
                    continue;
                }
                String got = addrs.get(0);
                if (loopback(got)) {
                    out.add(new PreflightFinding(s.host(), "name-resolution", name + " resolves to " + got
                            + ", a loopback address: MinIO would tell its peers to call themselves",
                            "remove the '" + got + " " + name + "' line from /etc/hosts and resolve " + name + " to its network address"));
                } else if (expected != null && !addrs.contains(expected)) {
                    out.add(new PreflightFinding(s.host(), "name-resolution", name + " resolves to " + got
                            + ", but the inventory reaches it at " + expected, "fix DNS or /etc/hosts, or the inventory's hosts: address"));
                } else if (agreed != null && !agreed.equals(got)) {
                    out.add(new PreflightFinding(s.host(), "name-resolution", name + " resolves to " + got + " here but to " + agreed
                            + " on " + agreedOn, "every node must resolve every node's name to the same address"));
                } else if (agreed == null) {
                    agreed = got;
                    agreedOn = s.host();
                }
            }
        }
    }

    static List<PreflightFinding> clockSkew(List<ClockSample> clocks) {
        List<PreflightFinding> out = new ArrayList<>();
        if (clocks.size() < 2) {
            return out;
        }
        ClockSample min = clocks.get(0);
        ClockSample max = clocks.get(0);
        for (ClockSample c : clocks) {
            min = c.offset() < min.offset() ? c : min;
            max = c.offset() > max.offset() ? c : max;
        }
        // Only what the round trips cannot explain counts as skew.
        double skew = max.offset() - min.offset() - max.uncertainty() - min.uncertainty();
        if (skew > MAX_SKEW_SECONDS) {
            out.add(new PreflightFinding(max.host(), "clock-skew", String.format("clock is %.1f s ahead of %s's (more than %.0f s)",
                    skew, min.host(), MAX_SKEW_SECONDS), "run NTP/chrony on every node (timedatectl set-ntp true)"));
        }
        return out;
    }

    /**
     * The server binary runs on every host: its ELF machine against each host's {@code uname -m}. A binary
     * with no machine to read (the S3Proxy jar, or one each host fetches by URL) is not judged here.
     *
     * @param binary where the binary comes from, for the message
     */
    public static List<PreflightFinding> architecture(List<NodeSurvey> surveys, Optional<ElfMachine> machine, String binary) {
        List<PreflightFinding> out = new ArrayList<>();
        if (machine.isEmpty()) {
            return out;
        }
        ElfMachine m = machine.get();
        for (NodeSurvey s : surveys) {
            if (s.machine().isEmpty()) {
                out.add(new PreflightFinding(s.host(), "architecture", "the host did not say its architecture (uname -m printed"
                        + " nothing), so the " + m.name() + " binary " + binary + " cannot be checked against it",
                        "check that uname works on the host"));
            } else if (!m.runsOn(s.machine())) {
                out.add(new PreflightFinding(s.host(), "architecture", "the server binary " + binary + " is built for " + m
                        + ", but this host is " + s.machine() + " (uname -m)", "give node.binary a build for " + s.machine()));
            }
        }
        return out;
    }

    /** The same binary and the same configuration (credential line masked) on every node that has them. */
    public static List<PreflightFinding> consistency(List<NodeSurvey> surveys) {
        List<PreflightFinding> out = new ArrayList<>();
        differing(surveys, NodeSurvey::binarySha256, "same-binary", "the server binary", out);
        differing(surveys, NodeSurvey::configSha256, "same-config", "the environment/properties file", out);
        return out;
    }

    private static void differing(List<NodeSurvey> surveys, java.util.function.Function<NodeSurvey, String> value, String check,
                                  String what, List<PreflightFinding> out) {
        String first = null;
        String firstHost = null;
        for (NodeSurvey s : surveys) {
            String v = value.apply(s);
            if (v.isEmpty()) {
                continue;
            }
            if (first == null) {
                first = v;
                firstHost = s.host();
            } else if (!first.equals(v)) {
                out.add(new PreflightFinding(s.host(), check, what + " has sha256 " + v.substring(0, 12) + ", " + firstHost
                        + " has " + first.substring(0, 12), "run aistorctl node install so every node gets the same"));
            }
        }
    }

    static boolean loopback(String address) {
        return address.startsWith("127.") || address.equals("::1");
    }

    static boolean isAddress(String s) {
        return IPV4.matcher(s).matches() || s.contains(":");
    }
}
