package dev.aistorctl.cli;

import picocli.CommandLine.Option;

/** {@code --wipe-drives}: the go-ahead to format, the same for every command that may format drives. */
public final class WipeDrivesOption {
    @Option(names = "--wipe-drives",
            description = "Allow formatting the planned data drives: each planned format destroys whatever is on that drive. "
                    + "Without it, a plan with formats is shown and refused.")
    boolean wipeDrives;

    public boolean given() {
        return wipeDrives;
    }
}
