package dev.aistorctl.workflows.hardware;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import dev.aistorctl.hwcheck.profile.Severity;
import dev.aistorctl.hwcheck.rules.Finding;
import dev.aistorctl.hwcheck.rules.HostReport;
import dev.aistorctl.hwcheck.rules.VerifyReport;
import dev.aistorctl.workflows.Output;
import dev.aistorctl.workflows.text.Table;

/** The hardware verdicts as text, as {@code verify-hardware} and a refused {@code provision} print them. */
public final class VerifyReportText {
    private VerifyReportText() {
    }

    /** Host x rule group, each cell the worst severity there; then every non-passing finding in full. */
    public static void print(VerifyReport report, Output terminal) {
        TreeSet<String> groups = new TreeSet<>();
        report.hosts().forEach(h -> h.findings().forEach(f -> groups.add(group(f.rule()))));
        List<String> headers = new ArrayList<>(List.of("HOST", "STATUS"));
        groups.forEach(g -> headers.add(g.toUpperCase(java.util.Locale.ROOT)));
        Table table = new Table(headers.toArray(String[]::new));
        for (HostReport host : report.hosts()) {
            Map<String, Severity> worst = new LinkedHashMap<>();
            host.findings().forEach(f -> worst.merge(group(f.rule()), f.severity(), Severity::worst));
            List<Object> row = new ArrayList<>(List.of(host.host(), colour(host.status().name(), terminal)));
            groups.forEach(g -> row.add(worst.containsKey(g) ? colour(worst.get(g).name(), terminal) : "-"));
            table.row(row.toArray());
        }
        terminal.println("profile " + report.profile());
        terminal.println(table.render().stripTrailing());

        List<String> details = new ArrayList<>();
        for (HostReport host : report.hosts()) {
            if (!host.reachable()) {
                details.add(host.host() + "  " + colour("UNREACHABLE", terminal) + "  " + host.error());
            }
            for (Finding finding : host.findings()) {
                if (finding.severity() == Severity.FAIL || finding.severity() == Severity.WARN) {
                    details.add(describe(host.host(), finding, terminal));
                }
            }
        }
        if (!details.isEmpty()) {
            terminal.println("");
            details.forEach(terminal::println);
        }
        var summary = report.summary();
        terminal.println("");
        terminal.println(summary.hosts() + " hosts: " + summary.pass() + " pass, " + summary.warn() + " warn, "
                + summary.fail() + " fail, " + summary.unreachable() + " unreachable"
                + (summary.failedHosts().isEmpty() ? "" : " (" + String.join(", ", summary.failedHosts()) + ")"));
    }

    private static String describe(String host, Finding finding, Output terminal) {
        StringBuilder line = new StringBuilder(host).append("  ").append(colour(finding.severity().name(), terminal))
                .append("  ").append(finding.rule());
        if (finding.device() != null) {
            line.append(" [").append(finding.device()).append(']');
        }
        line.append(": ").append(finding.message());
        if (finding.expected() != null || finding.actual() != null) {
            line.append(" (expected ").append(finding.expected()).append(", actual ").append(finding.actual()).append(')');
        }
        if (finding.hint() != null) {
            line.append("\n    hint: ").append(finding.hint());
        }
        return line.toString();
    }

    private static String group(String rule) {
        int dot = rule.indexOf('.');
        return dot < 0 ? rule : rule.substring(0, dot);
    }

    private static String colour(String severity, Output terminal) {
        String style = switch (severity) {
            case "PASS" -> "green";
            case "WARN", "SKIP" -> "yellow";
            default -> "bold,red";
        };
        return terminal.style("@|" + style + " " + severity + "|@");
    }
}
