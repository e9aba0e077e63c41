package dev.aistorctl.cli.hardware;

import dev.aistorctl.cli.CliCommand;
import dev.aistorctl.cli.FactsSourceOptions;
import dev.aistorctl.cli.GlobalOptions;
import dev.aistorctl.cli.Terminal;
import dev.aistorctl.core.ExitCode;
import dev.aistorctl.core.UsageException;
import dev.aistorctl.facts.facts.FactsJson;
import dev.aistorctl.hwcheck.profile.HardwareProfile;
import dev.aistorctl.hwcheck.profile.HardwareProfiles;
import dev.aistorctl.hwcheck.rules.HardwareCheck;
import dev.aistorctl.hwcheck.rules.PathMtu;
import dev.aistorctl.hwcheck.rules.VerifyReport;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.workflows.hardware.PathMtuProbe;
import dev.aistorctl.workflows.hardware.ProfileChoice;
import dev.aistorctl.workflows.hardware.VerifyReportText;
import dev.aistorctl.workflows.remote.Connections;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "verify-hardware",
        description = "Prove every host is the hardware the profile needs, and say exactly what is wrong where.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  aistorctl verify-hardware -i inventory.yaml",
            "  aistorctl verify-hardware -i inventory.yaml --limit 'node0[1-4]*' -o json",
            "  aistorctl verify-hardware --from-capture captures/ --profile ampere-altra-m128",
            "  aistorctl verify-hardware --local --profile ./my-profile.yaml",
            "",
            "Profile: --profile, else the inventory's cluster.hardware_profile, else " + ProfileChoice.DEFAULT_PROFILE + ".",
            "Exit 0 no FAIL, 3 any FAIL, 1 a host unreachable (and no FAIL), 4 invalid inventory or profile."
        })
public final class VerifyHardwareCommand extends CliCommand {
    @Mixin
    FactsSourceOptions source;

    @Option(names = "--profile", paramLabel = "NAME|PATH",
            description = "Hardware profile: a built-in name (" + "ampere-altra-m128, lab" + ") or a YAML file.")
    String profile;

    @Option(names = "--network",
            description = "Also send a don't-fragment packet of the profile's MTU (network.mtu_consistent) from every host to "
                    + "every other and report each direction (needs -i).")
    boolean network;

    @Override
    protected int run(Terminal terminal, GlobalOptions global) {
        HardwareProfile chosen = profile == null ? null : HardwareProfiles.load(profile);
        FactsSourceOptions.Collected collected = source.collect(global, terminal);
        if (chosen == null) {
            chosen = HardwareProfiles.load(ProfileChoice.profileOf(collected.inventory()));
        }
        VerifyReport report = HardwareCheck.verify(chosen, collected.hosts());
        if (network) {
            report = withPathMtu(report, chosen, collected, global, terminal);
        }
        if (terminal.json()) {
            terminal.out().println(FactsJson.write(report));
            terminal.out().flush();
        } else {
            VerifyReportText.print(report, terminal);
        }
        if (report.summary().fail() > 0) {
            return ExitCode.HARDWARE_CHECK_FAILED.code();
        }
        return report.summary().unreachable() > 0 ? ExitCode.HOST_FAILED.code() : ExitCode.OK.code();
    }

    private VerifyReport withPathMtu(VerifyReport report, HardwareProfile chosen, FactsSourceOptions.Collected collected,
                                     GlobalOptions global, Terminal terminal) {
        Inventory inventory = collected.inventory().orElseThrow(() -> new UsageException("--network probes between the hosts of an inventory: give -i"));
        if (PathMtu.mtuOf(chosen).isEmpty()) {
            throw new UsageException("--network: profile " + chosen.name() + " sets no network.mtu_consistent (mtu: N) to probe");
        }
        List<InventoryHost> hosts = global.selectHosts(inventory);
        terminal.progress("network: probing MTU " + PathMtu.mtuOf(chosen).get() + " between " + hosts.size() + " hosts, both directions");
        return PathMtu.addTo(report, PathMtuProbe.run(chosen, hosts, new Connections(inventory, hosts, source.acceptNewHostKeys())));
    }

}
