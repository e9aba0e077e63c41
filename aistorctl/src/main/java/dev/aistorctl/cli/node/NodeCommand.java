package dev.aistorctl.cli.node;

import picocli.CommandLine.Command;

@Command(name = "node",
        description = "Install, start and restart the storage node (MinIO AIStor, or S3Proxy in the lab) on every host of the cluster.",
        subcommands = {NodeInstallCommand.class, NodeStartCommand.class, NodeRestartCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  aistorctl node install -i inventory.yaml --dry-run",
            "  aistorctl node install -i inventory.yaml",
            "  aistorctl node restart -i inventory.yaml --yes",
            "  aistorctl status -i inventory.yaml --probe",
            "",
            "Exit 0 when the cluster is healthy, 1 when a host failed or the cluster is not healthy, 4 for an invalid inventory."
        })
public final class NodeCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: install, start or restart");
    }
}
