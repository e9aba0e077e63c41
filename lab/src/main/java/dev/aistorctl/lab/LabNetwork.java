package dev.aistorctl.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.aistorctl.core.ExecResult;

/**
 * The lab's network: a bridge in the root namespace holding the controller's address, and per
 * host a named network namespace joined to the bridge by a veth pair whose inner end is eth0.
 * Every name is derived from the lab name, so down finds leftovers by name alone and never
 * matches another lab's (lab names have no hyphen).
 */
final class LabNetwork {
    static final String SUBNET_BASE = "10.213.";
    private static final Duration T = Duration.ofSeconds(30);

    private LabNetwork() {
    }

    static String bridgeName(String lab) {
        return "lab-" + lab;
    }

    static String vethName(String lab, int index) {
        return "lv-" + lab + "-" + index;
    }

    static String netnsName(String host) {
        return "lab-" + host;
    }

    static Pattern ownedVeth(String lab) {
        return Pattern.compile(Pattern.quote("lv-" + lab + "-") + "\\d+");
    }

    static Pattern ownedNetns(String lab) {
        return Pattern.compile(Pattern.quote("lab-" + lab + "-node") + "\\d+");
    }

    static String hostAddress(String subnetPrefix, int index) {
        return subnetPrefix + "." + (10 + index);
    }

    static String controllerAddress(String subnetPrefix) {
        return subnetPrefix + ".1";
    }

    /**
     * A 10.213.X.0/24 that no route of this machine overlaps, starting from a number derived from
     * the lab name so that the same lab usually gets the same addresses.
     */
    static String chooseSubnet(String lab) {
        String routes = Proc.check("lab " + lab + ": read routes", T, "ip", "-4", "route", "show", "table", "all").stdoutText();
        List<long[]> taken = new ArrayList<>();
        for (String line : routes.split("\n")) {
            String[] f = line.trim().split("\\s+");
            int at = f.length > 0 && ("local".equals(f[0]) || "broadcast".equals(f[0]) || "unicast".equals(f[0])) ? 1 : 0;
            if (f.length <= at || "default".equals(f[at]) || !f[at].matches("[0-9.]+(/\\d+)?")) {
                continue;
            }
            taken.add(cidr(f[at]));
        }
        int start = Math.floorMod(lab.hashCode(), 250) + 2;
        for (int i = 0; i < 250; i++) {
            int x = 2 + Math.floorMod(start - 2 + i, 250);
            long net = ip(SUBNET_BASE + x + ".0");
            boolean free = taken.stream().noneMatch(t -> overlaps(t[0], t[1], net, 24));
            if (free) {
                return SUBNET_BASE + x;
            }
        }
        throw new LabException("lab " + lab + ": every 10.213.X.0/24 overlaps a route of this machine");
    }

    static void createBridge(String lab, String subnetPrefix) {
        String br = bridgeName(lab);
        if (Files.exists(Path.of("/sys/class/net", br))) {
            throw new LabException("lab " + lab + ": bridge " + br + " already exists; run lab down " + lab + " first");
        }
        Proc.check("lab " + lab + ": create bridge", T, "ip", "link", "add", br, "type", "bridge");
        Proc.check("lab " + lab + ": address bridge", T, "ip", "addr", "add", controllerAddress(subnetPrefix) + "/24", "dev", br);
        Proc.check("lab " + lab + ": bring bridge up", T, "ip", "link", "set", br, "up");
    }

    static void createHostLink(String lab, String host, String netns, String veth) {
        String what = host + ": network";
        Proc.check(what, T, "ip", "netns", "add", netns);
        Proc.check(what, T, "ip", "link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", netns);
        Proc.check(what, T, "ip", "link", "set", veth, "master", bridgeName(lab), "up");
    }

    /** A VM host's tap in the lab's bridge; named like a veth so that down finds it by the same name. */
    static void createTap(String lab, String host, String tap) {
        String what = host + ": network";
        Proc.check(what, T, "ip", "tuntap", "add", "dev", tap, "mode", "tap");
        Proc.check(what, T, "ip", "link", "set", tap, "master", bridgeName(lab), "up");
    }

    /** Removes the lab's namespaces, veths and bridge, the recorded ones and any found by name. */
    static List<String> removeAll(String lab, List<String> recordedNetns, List<String> recordedVeths) {
        List<String> removed = new ArrayList<>();
        List<String> netns = new ArrayList<>(recordedNetns);
        Pattern ownedNs = ownedNetns(lab);
        try (Stream<Path> s = Files.isDirectory(Path.of("/run/netns")) ? Files.list(Path.of("/run/netns")) : Stream.empty()) {
            s.map(p -> p.getFileName().toString()).filter(n -> ownedNs.matcher(n).matches() && !netns.contains(n))
                    .forEach(netns::add);
        } catch (IOException e) {
            throw new LabException("lab " + lab + ": cannot list /run/netns: " + e.getMessage(), e);
        }
        for (String ns : netns) {
            if (Files.exists(Path.of("/run/netns", ns))) {
                Proc.check("lab " + lab + ": remove network namespace", T, "ip", "netns", "del", ns);
                removed.add("netns " + ns);
            }
        }
        List<String> links = new ArrayList<>(recordedVeths);
        Pattern ownedV = ownedVeth(lab);
        links.addAll(listLinks().stream().filter(n -> ownedV.matcher(n).matches() && !links.contains(n)).toList());
        links.add(bridgeName(lab));
        for (String link : links) {
            if (Files.exists(Path.of("/sys/class/net", link))) {
                // A veth goes away by itself, a moment later, when the namespace holding its peer is deleted.
                ExecResult result = Proc.run(List.of("ip", "link", "del", link), T);
                if (!result.ok() && Files.exists(Path.of("/sys/class/net", link))) {
                    throw new LabException("lab " + lab + ": remove " + link + ": " + result.stderrText().strip());
                }
                removed.add("link " + link);
            }
        }
        return removed;
    }

    static List<String> listLinks() {
        try (Stream<Path> s = Files.list(Path.of("/sys/class/net"))) {
            return s.map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new LabException("cannot list /sys/class/net: " + e.getMessage(), e);
        }
    }

    private static long[] cidr(String s) {
        String[] p = s.split("/");
        return new long[] {ip(p[0]), p.length > 1 ? Integer.parseInt(p[1]) : 32};
    }

    private static long ip(String dotted) {
        long v = 0;
        for (String part : dotted.split("\\.")) {
            v = (v << 8) | Integer.parseInt(part);
        }
        return v;
    }

    static boolean overlaps(long a, long aLen, long b, long bLen) {
        long len = Math.min(aLen, bLen);
        long mask = len == 0 ? 0 : (0xFFFFFFFFL << (32 - len)) & 0xFFFFFFFFL;
        return (a & mask) == (b & mask);
    }
}
