package dev.aistorctl.cli.drives;

import dev.aistorctl.cli.CliCommand;
import dev.aistorctl.cli.FactsSourceOptions;
import dev.aistorctl.cli.GlobalOptions;
import dev.aistorctl.cli.Terminal;
import dev.aistorctl.storagenode.drives.DriveCandidate;
import dev.aistorctl.storagenode.drives.DrivesReport;
import dev.aistorctl.storagenode.drives.HostDrives;
import dev.aistorctl.workflows.drives.DriveReports;
import dev.aistorctl.core.text.ByteSize;
import dev.aistorctl.workflows.text.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "drives",
        subcommands = DrivesPrepareCommand.class,
        description = "List every block device of every host, why each may or may not become a data drive, and which drives the pool's rule takes.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  aistorctl drives -i inventory.yaml",
            "  aistorctl drives -i inventory.yaml --limit node01 -o json",
            "  aistorctl drives --from-capture captures/ -i inventory.yaml",
            "",
            "Nothing is changed on any host. A device is eligible only when nothing denies it; this cluster's",
            "own XFS drives are 'prepared' and keep their slot. Exit 0 when every host has its drives,",
            "1 when a host is unreachable or has fewer usable drives than drives.count."
        })
public final class DrivesCommand extends CliCommand {

    @Mixin
    FactsSourceOptions source;

    @Override
    protected int run(Terminal terminal, GlobalOptions global) {
        DrivesReport report = DriveReports.of(source.bundles(global, terminal));
        if (terminal.json()) {
            terminal.printJson(report);
        } else {
            print(report, terminal);
        }
        return hostsOk(report.failedHosts().isEmpty());
    }

    private static void print(DrivesReport report, Terminal terminal) {
        boolean first = true;
        for (HostDrives host : report.hosts()) {
            if (!first) {
                terminal.println("");
            }
            first = false;
            if (!host.reachable()) {
                terminal.println(host.host() + "  " + terminal.style("@|bold,red UNREACHABLE|@") + "  " + host.error());
                continue;
            }
            String headline = host.required() == null ? host.devices().size() + " devices (no drive rule without -i)"
                    : host.selected() + " of " + host.required() + " data drives selected" + (host.pool() == null ? "" : " for " + host.pool());
            terminal.println(terminal.style("@|bold " + host.host() + "|@") + "  " + headline);
            Table table = new Table("", "DEVICE", "SERIAL", "MODEL", "SIZE", "TRANSPORT", "STATE/REASONS", "\u2192 MOUNT");
            for (DriveCandidate c : host.devices()) {
                table.row(c.selected() ? "*" : "", c.drive().path(), c.drive().serial(), c.drive().model(),
                        c.drive().sizeBytes() == null ? null : ByteSize.binary(c.drive().sizeBytes()),
                        c.drive().transport() == null ? c.drive().kindName() : c.drive().transport(),
                        state(c, terminal), c.selected() ? c.mountPoint() : "");
            }
            terminal.println(table.render().stripTrailing());
            if (!host.leftOut().isEmpty()) {
                terminal.println("left out (more eligible than drives.count " + host.required() + "): "
                        + String.join(", ", host.leftOut()));
            }
            for (String note : host.notes()) {
                terminal.println(terminal.style("@|faint note:|@ ") + note);
            }
            if (host.problem() != null) {
                // the table above already gives each device's reasons; JSON's "problem" repeats them in full
                String problem = host.problem();
                int detail = problem.indexOf(": /dev/");
                terminal.println(terminal.style("@|bold,red error:|@ ") + host.host() + ": "
                        + (detail < 0 ? problem : problem.substring(0, detail) + " (reasons above)"));
            }
        }
        if (!report.failedHosts().isEmpty()) {
            terminal.println("");
            terminal.println(report.hosts().size() + " hosts, " + report.failedHosts().size() + " without their drives: "
                    + String.join(", ", report.failedHosts()));
        }
    }

    private static String state(DriveCandidate c, Terminal terminal) {
        return switch (c.state()) {
            case ELIGIBLE -> terminal.style("@|green eligible|@");
            case PREPARED -> terminal.style("@|green " + c.describe() + "|@");
            case DENIED -> terminal.style("@|yellow denied|@") + c.describe().substring("denied".length());
        };
    }
}
