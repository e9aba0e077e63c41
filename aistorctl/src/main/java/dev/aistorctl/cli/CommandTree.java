package dev.aistorctl.cli;

import java.util.Set;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The picocli command tree for one command line. Picocli builds a command's model by reflection
 * over its fields, mixins and subcommands, and doing that for every command costs more start time
 * than a whole bare picocli program. So only the command the line names is built in full; every
 * other one is its name, aliases and description, which is all the root's help and picocli's
 * "did you mean" need. Without a command named (`--help`, `--version`, a typo) nothing is built in
 * full; `completion` prints the whole tree, so it gets the whole tree.
 */
final class CommandTree {
    /** The root's options that take a value, so that their values are never taken for a command. */
    private static final Set<String> ROOT_OPTIONS_WITH_VALUE = Set.of("-i", "--inventory", "--limit", "-o", "--output");

    private CommandTree() {
    }

    /** The whole tree, every command built in full. */
    static CommandLine full(AistorctlCommand root) {
        CommandLine cli = new CommandLine(root);
        AistorctlCommand.SUBCOMMANDS.forEach(cli::addSubcommand);
        return cli;
    }

    /** The tree for {@code args}: the command they name built in full, the others by name and description. */
    static CommandLine forArgs(AistorctlCommand root, String... args) {
        String named = commandNamed(args);
        if ("completion".equals(named)) {
            return full(root);
        }
        CommandLine cli = new CommandLine(root);
        for (Class<?> command : AistorctlCommand.SUBCOMMANDS) {
            Command annotation = command.getAnnotation(Command.class);
            if (named != null && (annotation.name().equals(named) || java.util.Arrays.asList(annotation.aliases()).contains(named))) {
                cli.addSubcommand(command);
            } else {
                CommandSpec outline = CommandSpec.create().name(annotation.name()).aliases(annotation.aliases());
                outline.usageMessage().description(annotation.description());
                cli.addSubcommand(annotation.name(), new CommandLine(outline));
            }
        }
        return cli;
    }

    /** The first word of the line that is neither an option nor a root option's value, or null. */
    private static String commandNamed(String... args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                return i + 1 < args.length ? args[i + 1] : null;
            }
            if (ROOT_OPTIONS_WITH_VALUE.contains(arg)) {
                i++;
            } else if (!arg.startsWith("-")) {
                return arg;
            }
        }
        return null;
    }
}
