package dev.aistorctl.cli.lab;

import picocli.CommandLine.Option;

/** {@code --name}: which lab a lab command works on. */
final class LabName {
    private static final String DEFAULT = "lab";

    @Option(names = "--name", defaultValue = DEFAULT,
            description = "Lab name: a lowercase letter and up to 7 letters or digits (default: ${DEFAULT-VALUE}).")
    String value;

    /** The option as a printed command line needs it: nothing for the default lab. */
    String flag() {
        return DEFAULT.equals(value) ? "" : " --name " + value;
    }
}
