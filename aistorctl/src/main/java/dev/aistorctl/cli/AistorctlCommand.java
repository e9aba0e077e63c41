package dev.aistorctl.cli;

import java.nio.file.Path;
import java.util.List;

import dev.aistorctl.cli.accept.AcceptCommand;
import dev.aistorctl.cli.demo.DemoCommand;
import dev.aistorctl.cli.drives.DrivesCommand;
import dev.aistorctl.cli.hardware.FactsCommand;
import dev.aistorctl.cli.hardware.VerifyHardwareCommand;
import dev.aistorctl.cli.inventory.InventoryCommand;
import dev.aistorctl.cli.lab.LabCommand;
import dev.aistorctl.cli.node.NodeCommand;
import dev.aistorctl.cli.node.StatusCommand;
import dev.aistorctl.cli.provision.ProvisionCommand;
import dev.aistorctl.cli.report.ReportCommand;
import dev.aistorctl.cli.run.RunCommand;
import dev.aistorctl.cli.run.RunsCommand;
import dev.aistorctl.cli.tune.TuneCommand;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root command. Its options are inherited by every subcommand, so they may be given anywhere on the line. */
@Command(
        name = "aistorctl",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Verify, tune and provision MinIO AIStor storage servers over SSH.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  aistorctl lab up",
            "  aistorctl inventory validate -i inventory.yaml",
            "  aistorctl inventory show -i inventory.yaml -o json",
            "  aistorctl verify-hardware -i inventory.yaml",
            "  aistorctl facts -i inventory.yaml --save-capture captures/",
            "  aistorctl tune -i inventory.yaml --dry-run",
            "  aistorctl drives -i inventory.yaml",
            "  aistorctl provision -i inventory.yaml --dry-run",
            "  aistorctl provision -i inventory.yaml --yes --wipe-drives",
            "  aistorctl demo",
            "  aistorctl completion bash > /etc/bash_completion.d/aistorctl",
            "",
            "Exit codes: 0 ok, 1 a host failed, 2 usage error, 3 hardware check failed, 4 invalid inventory or config.",
            "lab and demo need root: a root shell runs them as shown, any other with sudo in front."
        },
        scope = ScopeType.INHERIT)
public final class AistorctlCommand implements Runnable {

    /** The commands, in the order the help lists them; see {@link CommandTree} for how they are built. */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            InventoryCommand.class,
            FactsCommand.class,
            VerifyHardwareCommand.class,
            TuneCommand.class,
            DrivesCommand.class,
            RunCommand.class,
            RunsCommand.class,
            LabCommand.class,
            CompletionCommand.class,
            NodeCommand.class,
            StatusCommand.class,
            ReportCommand.class,
            ProvisionCommand.class,
            AcceptCommand.class,
            DemoCommand.class);

    @Option(names = {"-i", "--inventory"}, paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Inventory file (YAML, version 1).")
    Path inventory;

    @Option(names = "--limit", paramLabel = "PATTERN", scope = ScopeType.INHERIT,
            description = "Only these hosts: a glob (node0*) or a comma-separated list.")
    String limit;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", scope = ScopeType.INHERIT, defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat output;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Show stack traces and remote commands.")
    boolean debug;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Every change of a plan on every host, and every step as it finishes (by default identical changes are shown once for all their hosts).")
    boolean verbose;

    @Option(names = "--no-color", scope = ScopeType.INHERIT,
            description = "No colours (also when NO_COLOR is set or the output is not a terminal).")
    boolean noColor;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    final Prompter prompter;

    /** Whether stderr is the process's own terminal, where progress is a board redrawn in place (set by main). */
    boolean liveProgress;

    public AistorctlCommand() {
        this(Prompter.console());
    }

    AistorctlCommand(Prompter prompter) {
        this.prompter = prompter;
    }

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a command is required (see --help)");
    }
}
