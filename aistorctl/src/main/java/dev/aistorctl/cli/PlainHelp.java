package dev.aistorctl.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The root's {@code --help} and {@code --version} without picocli. Picocli's own classes are compiled for Java 5,
 * which the class-data archive refuses, so loading them and building the root's model costs more than the rest of a
 * start. The root's help is kept as picocli prints it when the output is not a terminal (no colour, 80 columns), in
 * a resource that PlainHelpTest compares with picocli's live rendering at every test run. Whenever picocli could
 * decide otherwise (a terminal, where it colours the help and fits it to the window; {@code CLICOLOR_FORCE}; a
 * {@code picocli.*} property; Windows), or the line is anything but the bare option, picocli answers as it always did.
 */
final class PlainHelp {
    /** The root's help as picocli prints it to a non-terminal, a resource next to this class. */
    static final String RESOURCE = "root-help.txt";

    private PlainHelp() {
    }

    /** Prints what picocli would for {@code args} and returns true, or returns false: picocli must answer. */
    static boolean answered(String[] args, PrintStream out) {
        if (args.length != 1 || !picocliWouldPrintPlain(System.getenv(), System.getProperties(), System.console() != null)) {
            return false;
        }
        switch (args[0]) {
            case "-h", "--help" -> {
                byte[] help = resource();
                if (help == null) {
                    return false;
                }
                out.write(help, 0, help.length);
            }
            case "-V", "--version" -> {
                List<String> lines = Version.lines();
                for (String line : lines) {
                    // Picocli formats each line (String.format) and reads @|style text|@ markup in it.
                    if (line.contains("%") || line.contains("@|")) {
                        return false;
                    }
                }
                for (String line : lines) {
                    out.println(line);
                }
            }
            default -> {
                return false;
            }
        }
        out.flush();
        return true;
    }

    /** The rendered help, or null when it is missing or cannot be read. */
    private static byte[] resource() {
        try (InputStream help = PlainHelp.class.getResourceAsStream(RESOURCE)) {
            return help == null ? null : help.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Whether picocli (its Help.Ansi.AUTO and usageHelpAutoWidth) would print without colour at its default width:
     * only a terminal (System.console(), which is picocli's test too) makes it colour and measure the window, unless
     * CLICOLOR_FORCE asks for colour anyway (NO_COLOR wins over it); Windows has rules of its own.
     */
    static boolean picocliWouldPrintPlain(Map<String, String> env, Properties properties, boolean console) {
        if (console || !"\n".equals(System.lineSeparator()) || properties.getProperty("os.name", "").toLowerCase().contains("win")) {
            return false;
        }
        // Loops rather than streams: a lambda would bootstrap invokedynamic in a start that needs none otherwise.
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith("picocli.")) {
                return false;
            }
        }
        String force = env.get("CLICOLOR_FORCE");
        return env.get("NO_COLOR") != null || force == null || "0".equals(force);
    }
}
