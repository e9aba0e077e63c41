package dev.aistorctl.cli.hardware;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import dev.aistorctl.cli.Table;
import dev.aistorctl.cli.Terminal;
import dev.aistorctl.core.ExitCode;
import dev.aistorctl.facts.facts.FactsJson;
import dev.aistorctl.hwcheck.profile.HardwareProfile;
import dev.aistorctl.hwcheck.profile.HardwareProfiles;
import dev.aistorctl.hwcheck.profile.Severity;
import dev.aistorctl.hwcheck.rules.Finding;
import dev.aistorctl.hwcheck.rules.HardwareCheck;
import dev.aistorctl.hwcheck.rules.HostReport;
import dev.aistorctl.hwcheck.rules.VerifyReport;
import dev.aistorctl.inventory.Inventory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "verify-hardware",
        description = "Prove every host is the hardware the profile needs, and say exactly what is wrong where.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  aistorctl verify-hardware -i inventory.yaml",
            "  aistorctl verify-hardware -i inventory.yaml --limit 'node0[1-4]*' -o json",
            "  aistorctl verify-hardware --from-capture captures/ --profile ampere-altra-m128",
            "  aistorctl verify-hardware --local --profile ./my-profile.yaml",
            "",
            "Profile: --profile, else the inventory's cluster.hardware_profile, else " + VerifyHardwareCommand.DEFAULT_PROFILE + ".",
            "Exit 0 no FAIL, 3 any FAIL, 1 a host unreachable (and no FAIL), 4 invalid inventory or profile."
        })
public final class VerifyHardwareCommand implements Callable<Integer> {
    public static final String DEFAULT_PROFILE = "ampere-altra-m128";

    @Mixin
    FactsSourceOptions source;

    @Option(names = "--profile", paramLabel = "NAME|PATH",
            description = "Hardware profile: a built-in name (" + "ampere-altra-m128, lab" + ") or a YAML file.")
    String profile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Terminal terminal = Terminal.of(spec);
        HardwareProfile chosen = profile == null ? null : HardwareProfiles.load(profile);
        FactsSourceOptions.Collected collected = source.collect(spec, terminal);
        if (chosen == null) {
            chosen = HardwareProfiles.load(profileOf(collected.inventory()));
        }
        VerifyReport report = HardwareCheck.verify(chosen, collected.hosts());
        if (terminal.json()) {
            terminal.out().println(FactsJson.write(report));
            terminal.out().flush();
        } else {
            print(report, terminal);
        }
        if (report.summary().fail() > 0) {
            return ExitCode.HARDWARE_CHECK_FAILED.code();
        }
        return report.summary().unreachable() > 0 ? ExitCode.HOST_FAILED.code() : ExitCode.OK.code();
    }

    public static String profileOf(Optional<Inventory> inventory) {
        return inventory.flatMap(i -> i.cluster().hardwareProfile()).map(Object::toString).orElse(DEFAULT_PROFILE);
    }

    /** Host x rule group, each cell the worst severity there; then every non-passing finding in full. */
    public static void print(VerifyReport report, Terminal terminal) {
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

    private static String describe(String host, Finding finding, Terminal terminal) {
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

    private static String colour(String severity, Terminal terminal) {
        String style = switch (severity) {
            case "PASS" -> "green";
            case "WARN", "SKIP" -> "yellow";
            default -> "bold,red";
        };
        return terminal.style("@|" + style + " " + severity + "|@");
    }
}
