package dev.aistorctl.playbooks.report;

import static dev.aistorctl.playbooks.report.Model.map;
import static dev.aistorctl.playbooks.report.Model.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aistorctl.core.text.ByteSize;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a provision run into the as-built document's model: plain maps, lists and strings, raw (unescaped);
 * {@link AsBuiltReport} redacts and escapes it as a whole before rendering.
 */
final class ReportModel {
    /** How the drives step names what it formatted: "format /dev/nvme0n1 as drive 1 (/mnt/drive1)". */
    private static final Pattern FORMAT = Pattern.compile("format (\\S+) as drive (\\d+) \\(([^)]*)\\)");
    private static final Pattern LABELLED = Pattern.compile("XFS labelled (\\S+)");

    private ReportModel() {
    }

    static Map<String, Object> of(ProvisionRun run, Instant generated) {
        JsonNode p = run.provision();
        Set<String> accepted = new LinkedHashSet<>();
        p.path("accepted_findings").forEach(a -> accepted.add(a.asText()));
        JsonNode inventory = p.path("inventory");
        JsonNode cluster = inventory.path("cluster");

        Map<String, JsonNode> facts = byHost(p.path("facts").path("hosts"), "host");
        Map<String, JsonNode> verify = byHost(p.path("verify").path("hosts"), "host");
        Map<String, JsonNode> drives = byHost(p.path("drives").path("hosts"), "host");
        Map<String, JsonNode> status = byHost(p.path("status").path("hosts"), "host");
        Map<String, JsonNode> tune = byHost(p.path("runs").path("tune").path("hosts"), "host");
        Map<String, JsonNode> driveRun = byHost(p.path("runs").path("drives").path("hosts"), "host");

        List<String> hostNames = new ArrayList<>();
        inventory.path("hosts").forEach(h -> hostNames.add(h.path("name").asText()));
        if (hostNames.isEmpty()) {
            hostNames.addAll(facts.keySet());
        }
        Map<String, Double> usableFraction = new HashMap<>();
        inventory.path("pools").forEach(pool -> usableFraction.put(pool.path("name").asText(), pool.path("usable_fraction").asDouble(0)));

        List<Map<String, Object>> hosts = new ArrayList<>();
        List<CapacityChart.HostCapacity> capacity = new ArrayList<>();
        Set<String> osNames = new LinkedHashSet<>();
        Set<String> kernels = new LinkedHashSet<>();
        long rawTotal = 0;
        long usableTotal = 0;
        for (JsonNode invHost : hostsOrNames(inventory, hostNames)) {
            String name = invHost.path("name").asText();
            JsonNode f = facts.getOrDefault(name, Model.missing()).path("facts");
            JsonNode os = f.path("os");
            if (!os.isMissingNode() && !os.isNull()) {
                osNames.add(text(os.path("pretty_name")));
                kernels.add(text(os.path("kernel")));
            }
            Map<String, String> labels = driveLabels(driveRun.get(name));
            List<Map<String, Object>> driveRows = new ArrayList<>();
            long raw = 0;
            for (JsonNode d : drives.getOrDefault(name, Model.missing()).path("devices")) {
                if (!d.path("selected").asBoolean(false)) {
                    continue;
                }
                raw += d.path("size_bytes").asLong(0);
                String path = d.path("path").asText();
                String label = labels.getOrDefault(path, text(d.path("label")));
                driveRows.add(map("index", text(d.path("drive_index")), "label", label, "device", path,
                        "serial", text(d.path("serial")), "model", text(d.path("model")),
                        "size", Model.bytes(d.path("size_bytes")), "mount", text(d.path("mount_point"))));
            }
            String pool = invHost.path("pool").asText("");
            long usable = (long) (raw * usableFraction.getOrDefault(pool, 0.0));
            rawTotal += raw;
            usableTotal += usable;
            capacity.add(new CapacityChart.HostCapacity(name, raw, usable, driveRows.size()));

            JsonNode v = verify.getOrDefault(name, Model.missing());
            List<Map<String, Object>> findings = new ArrayList<>();
            for (JsonNode fi : v.path("findings")) {
                String sev = fi.path("severity").asText("SKIP");
                boolean acc = accepted.contains(fi.path("rule").asText()) && ("WARN".equals(sev) || "FAIL".equals(sev));
                findings.add(map("rule", text(fi.path("rule")), "severity", sev, "css", "sev-" + sevClass(sev),
                        "accepted", acc, "expected", text(fi.path("expected")), "actual", text(fi.path("actual")),
                        "message", text(fi.path("message")), "device", text(fi.path("device"))));
            }
            JsonNode st = status.getOrDefault(name, Model.missing());
            hosts.add(map(
                    "name", name, "anchor", "host-" + hosts.size(),
                    "address", text(invHost.path("address")), "pool", pool.isEmpty() ? Model.UNKNOWN : pool,
                    "verdict", text(v.path("status")), "verdict_css", "sev-" + sevClass(v.path("status").asText("")),
                    "hardware", hardware(f),
                    "findings", findings,
                    "drives", driveRows,
                    "tuning", changes(tune.get(name), true),
                    "node", nodeChanges(p.path("runs").path("node"), name),
                    "service", text(st.path("service")), "health", text(st.path("health")),
                    "binary_sha256", text(st.path("binary_sha256"))));
        }

        List<Map<String, Object>> pools = new ArrayList<>();
        int erasureSets = 0;
        for (JsonNode pool : inventory.path("pools")) {
            erasureSets += pool.path("erasure_set_count").asInt(0);
            long poolRaw = 0;
            long poolUsable = 0;
            for (int i = 0; i < hosts.size(); i++) {
                if (pool.path("name").asText().equals(hosts.get(i).get("pool"))) {
                    poolRaw += capacity.get(i).rawBytes();
                    poolUsable += capacity.get(i).usableBytes();
                }
            }
            pools.add(map("name", text(pool.path("name")), "hosts", text(pool.path("hosts_pattern")),
                    "host_count", text(pool.path("host_count")), "drives_per_host", text(pool.path("drives_per_host")),
                    "set_size", text(pool.path("erasure_set_size")), "set_count", text(pool.path("erasure_set_count")),
                    "storage_class", text(pool.path("storage_class")),
                    "raw", ByteSize.decimalTwoPlaces(poolRaw), "usable", ByteSize.decimalTwoPlaces(poolUsable),
                    "usable_fraction", String.format(Locale.ROOT, "%.0f %%", 100 * pool.path("usable_fraction").asDouble(0))));
        }

        JsonNode statusNode = p.path("status");
        List<Map<String, Object>> proof = new ArrayList<>();
        for (JsonNode h : statusNode.path("hosts")) {
            JsonNode probe = h.path("probe");
            boolean verified = probe.path("verified").asBoolean(false);
            proof.add(map("host", text(h.path("host")), "live", h.path("live").asBoolean(false),
                    "bytes", Model.bytes(probe.path("bytes")),
                    "match", probe.isMissingNode() ? "not probed" : verified ? "sha256 match" : "MISMATCH",
                    "match_css", verified ? "sev-pass" : "sev-fail",
                    "sha256", text(probe.path("sha256")),
                    "time", probe.has("put_ms") ? "put " + probe.path("put_ms").asLong() + " ms, get "
                            + probe.path("get_ms").asLong() + " ms" : Model.UNKNOWN,
                    "health", text(h.path("health"))));
        }
        boolean healthy = statusNode.path("health").path("healthy").asBoolean(false);
        List<String> failedHosts = new ArrayList<>();
        p.path("failed_hosts").forEach(h -> failedHosts.add(h.asText()));

        return map(
                "run_id", run.runId(),
                "tool_version", text(p.path("tool_version")),
                "started", Model.when(p.path("started").asText(null)), "finished", Model.when(p.path("finished").asText(null)),
                "generated", Model.when(generated.toString()),
                "outcome", text(p.path("outcome")), "outcome_css", "ok".equals(p.path("outcome").asText()) ? "sev-pass" : "sev-fail",
                "failed_hosts", failedHosts.isEmpty() ? null : String.join(", ", failedHosts),
                "accepted_findings", accepted.isEmpty() ? null : String.join(", ", accepted),
                "cluster", text(cluster.path("name")), "flavour", text(cluster.path("flavour")),
                "hardware_profile", text(cluster.path("hardware_profile")),
                // The profile the tune run applied, where there was one; else the one the inventory names.
                "tuning_profile", text(p.path("runs").path("tune").path("profile").isTextual()
                        ? p.path("runs").path("tune").path("profile") : cluster.path("tuning_profile")),
                "api_port", text(cluster.path("api_port")), "console_port", text(cluster.path("console_port")),
                "host_count", String.valueOf(hosts.size()),
                "pools", pools, "erasure_sets", String.valueOf(erasureSets),
                "raw", ByteSize.decimalTwoPlaces(rawTotal),
                // What the running cluster reports it serves wins over the plan: they differ when the server does
                // not erasure-code across the drives (the lab's S3Proxy), and the customer gets what is served.
                "usable", statusUsable(p.path("status"), usableTotal),
                "os", osNames.isEmpty() ? Model.UNKNOWN : String.join(", ", osNames),
                "kernel", kernels.isEmpty() ? Model.UNKNOWN : String.join(", ", kernels),
                "healthy", healthy, "health_css", healthy ? "sev-pass" : "sev-fail",
                "health", text(statusNode.path("health").path("summary")),
                "status_note", statusNode.hasNonNull("note") ? statusNode.path("note").asText() : null,
                "capacity_note", statusNode.path("capacity").hasNonNull("note") ? statusNode.path("capacity").path("note").asText() : null,
                "proof", proof,
                "hosts", hosts,
                "capacity_chart", CapacityChart.of(capacity),
                "findings_grid", FindingsGrid.of(p.path("verify"), accepted),
                "timeline", Timeline.of(run.journal(), p),
                "accept", AcceptSection.of(run.accept()));
    }

    private static String statusUsable(JsonNode status, long planned) {
        JsonNode served = status.path("capacity").path("usable_bytes");
        return ByteSize.decimalTwoPlaces(served.canConvertToLong() ? served.asLong() : planned);
    }

    private static List<Map<String, Object>> hardware(JsonNode f) {
        JsonNode cpu = f.path("cpu");
        JsonNode mem = f.path("memory");
        JsonNode sys = f.path("system");
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(map("key", "System", "value", Model.known(" ", "not reported (SMBIOS not readable on this host)",
                text(sys.path("manufacturer")), text(sys.path("product_name")),
                sys.hasNonNull("serial") ? "(serial " + text(sys.path("serial")) + ")" : null)));
        rows.add(map("key", "CPU", "value", Model.known(" · ", Model.UNKNOWN, text(cpu.path("model_name")),
                Model.known(", ", null,
                        cpu.hasNonNull("sockets") ? text(cpu.path("sockets")) + " socket(s)" : null,
                        cpu.hasNonNull("cores") ? text(cpu.path("cores")) + " cores" : null,
                        cpu.hasNonNull("threads") ? text(cpu.path("threads")) + " threads" : null,
                        cpu.hasNonNull("max_mhz") ? "max " + text(cpu.path("max_mhz")) + " MHz" : null))));
        rows.add(map("key", "Memory", "value", Model.bytes(mem.path("total_bytes")) + " (MemTotal)"
                + (mem.path("dimms").size() > 0 ? ", " + mem.path("dimms").size() + " DIMMs" : "")));
        rows.add(map("key", "OS", "value", Model.known(", ", Model.UNKNOWN, text(f.path("os").path("pretty_name")),
                f.path("os").hasNonNull("kernel") ? "kernel " + text(f.path("os").path("kernel")) : null,
                text(f.path("os").path("machine")))));
        List<String> nvme = new ArrayList<>();
        f.path("nvme").forEach(n -> nvme.add(text(n.path("model")) + " " + text(n.path("serial")) + " fw " + text(n.path("firmware"))));
        rows.add(map("key", "NVMe", "value", nvme.isEmpty() ? "none" : nvme.size() + ": " + String.join("; ", nvme)));
        List<String> nics = new ArrayList<>();
        f.path("nics").forEach(n -> {
            if (n.path("kind").isNull() || "veth".equals(n.path("kind").asText()) || "bond".equals(n.path("kind").asText())) {
                nics.add(text(n.path("name")) + " " + text(n.path("speed_mbps")) + " Mb/s MTU " + text(n.path("mtu")));
            }
        });
        rows.add(map("key", "Network", "value", nics.isEmpty() ? Model.UNKNOWN : String.join("; ", nics)));
        return rows;
    }

    /** Each step's changes (before → after); a step with none says why, so "nothing changed" is explained. */
    private static List<Map<String, Object>> changes(JsonNode hostRun, boolean withUnchanged) {
        List<Map<String, Object>> rows = new ArrayList<>();
        if (hostRun == null) {
            return rows;
        }
        for (JsonNode step : hostRun.path("steps")) {
            String stepName = text(step.path("name"));
            String status = step.path("status").asText("");
            if (step.path("changes").size() == 0) {
                if (withUnchanged) {
                    rows.add(map("step", stepName, "what", text(step.path("reason")), "before", "", "after", "",
                            "status", status, "css", Timeline.statusClass(status)));
                }
                continue;
            }
            for (JsonNode c : step.path("changes")) {
                rows.add(map("step", stepName, "what", text(c.path("what")), "before", text(c.path("before")),
                        "after", text(c.path("after")), "status", status, "css", Timeline.statusClass(status)));
            }
        }
        return rows;
    }

    private static List<Map<String, Object>> nodeChanges(JsonNode nodeRuns, String host) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode run : nodeRuns) {
            rows.addAll(changes(byHost(run.path("hosts"), "host").get(host), true));
        }
        return rows;
    }

    private static Map<String, String> driveLabels(JsonNode hostRun) {
        Map<String, String> labels = new HashMap<>();
        if (hostRun == null) {
            return labels;
        }
        for (JsonNode step : hostRun.path("steps")) {
            for (JsonNode c : step.path("changes")) {
                Matcher what = FORMAT.matcher(c.path("what").asText(""));
                Matcher after = LABELLED.matcher(c.path("after").asText(""));
                if (what.find() && after.find()) {
                    labels.put(what.group(1), after.group(1));
                }
            }
        }
        return labels;
    }

    private static List<JsonNode> hostsOrNames(JsonNode inventory, List<String> names) {
        List<JsonNode> out = new ArrayList<>();
        inventory.path("hosts").forEach(out::add);
        if (out.isEmpty()) {
            names.forEach(n -> out.add(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("name", n)));
        }
        return out;
    }

    private static Map<String, JsonNode> byHost(JsonNode list, String key) {
        Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
        list.forEach(n -> out.put(n.path(key).asText(), n));
        return out;
    }

    static String sevClass(String sev) {
        return switch (sev) {
            case "PASS", "WARN", "FAIL", "SKIP", "UNREACHABLE" -> sev.toLowerCase(Locale.ROOT);
            default -> "none";
        };
    }
}
