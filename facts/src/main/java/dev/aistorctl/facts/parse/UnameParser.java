package dev.aistorctl.facts.parse;

/**
 * {@code uname -a}: "Linux HOST RELEASE #VERSION... MACHINE [PROCESSOR PLATFORM] OS". The version
 * part has spaces, so the machine is read from the end: the word before "GNU/Linux" (when
 * processor and platform are filled in they repeat the machine, so the nearest word is right too).
 */
public final class UnameParser {
    private UnameParser() {
    }

    public record Uname(String kernelName, String hostname, String kernelRelease, String machine) {
    }

    public static Uname parse(String text) {
        String line = Text.lines(text).stream().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
        String[] w = line.split("\\s+");
        if (w.length < 3) {
            return new Uname(w.length > 0 && !w[0].isEmpty() ? w[0] : null, w.length > 1 ? w[1] : null, null, null);
        }
        String machine = null;
        if (w.length >= 5) {
            int last = w.length - 1;
            machine = w[last].contains("/") || w[last].equals("Linux") ? w[last - 1] : w[last];
        }
        return new Uname(w[0], w[1], w[2], machine);
    }
}
