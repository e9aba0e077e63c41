package dev.aistorctl.cli.hardware;

import java.util.List;
import java.util.stream.Collectors;

import dev.aistorctl.cli.CliCommand;
import dev.aistorctl.cli.FactsSourceOptions;
import dev.aistorctl.cli.GlobalOptions;
import dev.aistorctl.cli.Terminal;
import dev.aistorctl.core.ExitCode;
import dev.aistorctl.facts.facts.FactsJson;
import dev.aistorctl.facts.facts.GatherReport;
import dev.aistorctl.facts.facts.GatheredHost;
import dev.aistorctl.facts.facts.HostFacts;
import dev.aistorctl.facts.facts.Nic;
import dev.aistorctl.facts.facts.NvmeDrive;
import dev.aistorctl.core.text.ByteSize;
import dev.aistorctl.workflows.text.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "facts",
        description = "Gather hardware and OS facts from every host in one round trip each (or from saved captures, or this machine).",
        footerHeading = "%nExamples:%n",
        footer = {
            "  aistorctl facts -i inventory.yaml",
            "  aistorctl facts -i inventory.yaml --save-capture captures/ -o json > facts.json",
            "  aistorctl facts --from-capture captures/",
            "  aistorctl facts --local -o json",
            "",
            "Exit 0 when every host answered, 1 when a host could not be reached."
        })
public final class FactsCommand extends CliCommand {

    @Mixin
    FactsSourceOptions source;

    @Override
    protected int run(Terminal terminal, GlobalOptions global) {
        List<GatheredHost> hosts = source.collect(global, terminal).hosts();
        if (terminal.json()) {
            terminal.out().println(FactsJson.write(new GatherReport(hosts)));
            terminal.out().flush();
        } else {
            terminal.println(table(hosts, terminal).render().stripTrailing());
        }
        boolean anyUnreachable = hosts.stream().anyMatch(h -> !h.reachable());
        return anyUnreachable ? ExitCode.HOST_FAILED.code() : ExitCode.OK.code();
    }

    private static Table table(List<GatheredHost> hosts, Terminal terminal) {
        Table table = new Table("HOST", "CPU", "CORES", "MEMORY", "NVME", "NIC", "OS", "KERNEL", "GOVERNOR");
        for (GatheredHost host : hosts) {
            if (!host.reachable()) {
                table.row(host.host(), terminal.style("@|red unreachable|@: " + host.error()), "", "", "", "", "", "", "");
                continue;
            }
            HostFacts facts = host.facts();
            table.row(host.host(),
                    facts.cpu() == null ? null : join(facts.cpu().architecture(), facts.cpu().modelName()),
                    facts.cpu() == null ? null : facts.cpu().cores() + "/" + facts.cpu().threads(),
                    facts.memory() == null || facts.memory().totalBytes() == null ? null : ByteSize.binary(facts.memory().totalBytes()),
                    nvme(facts.nvme()),
                    fastestNic(facts.nics()),
                    facts.os() == null ? null : facts.os().prettyName(),
                    facts.os() == null ? null : facts.os().kernel(),
                    facts.cpufreq() == null || facts.cpufreq().governors() == null ? null : String.join(",", facts.cpufreq().governors()));
        }
        return table;
    }

    private static String nvme(List<NvmeDrive> drives) {
        if (drives == null) {
            return null;
        }
        if (drives.isEmpty()) {
            return "none";
        }
        return drives.stream().collect(Collectors.groupingBy(d -> d.model() == null ? "?" : d.model(), Collectors.counting()))
                .entrySet().stream().map(e -> e.getValue() + "x " + e.getKey()).sorted().collect(Collectors.joining(", "));
    }

    private static String fastestNic(List<Nic> nics) {
        if (nics == null) {
            return null;
        }
        return nics.stream().filter(n -> n.speedMbps() != null)
                .max(java.util.Comparator.comparingLong(Nic::speedMbps))
                .map(n -> n.name() + " " + n.speedMbps() / 1000 + "G")
                .orElse("no speed");
    }

    private static String join(String a, String b) {
        return (a == null ? "?" : a) + " " + (b == null ? "?" : b);
    }
}
