package dev.aistorctl.facts.capture;

import dev.aistorctl.core.ShellQuote;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * A capture source gathered once per device the host has, each into its own bundle file
 * ({@code ethtool-eth0.txt}, {@code nvme-smart-log-nvme3.json}). The devices are the entries of a
 * sysfs folder; the device's name reaches the shell as {@code $n}, a variable, never as script text.
 *
 * @param <T> what the parser makes of one file
 */
public final class SourceFamily<T> implements CaptureSource {
    /** Text the script puts between double quotes: nothing the shell would expand but {@code $n}. */
    private static final Pattern TEMPLATE = Pattern.compile("([A-Za-z0-9 _./,:=+-]|\\$n)*");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]+");

    private final String prefix;
    private final String suffix;
    private final String devices;
    private final List<String> skipped;
    private final String shell;
    private final String shown;
    private final BiFunction<String, String, T> parser;
    private final Pattern files;

    /**
     * @param prefix  the file name before the device name ("ethtool-")
     * @param suffix  the file name after it (".txt")
     * @param devices a sysfs glob whose entries are the devices ("/sys/class/net/*")
     * @param skipped device names that get no file ("lo")
     * @param shell   the shell that gathers one device, reading its name from {@code "$n"}
     * @param shown   how the manifest shows it, with {@code $n} for the name
     * @param parser  reads one file: (device name, text)
     */
    public SourceFamily(String prefix, String suffix, String devices, List<String> skipped, String shell, String shown,
                        BiFunction<String, String, T> parser) {
        for (String part : List.of(prefix, suffix, devices.replace("*", ""), shown)) {
            if (!TEMPLATE.matcher(part).matches()) {
                throw new IllegalArgumentException("not safe between double quotes in the gather script: " + part);
            }
        }
        skipped.forEach(s -> {
            if (!NAME.matcher(s).matches()) {
                throw new IllegalArgumentException("not a device name: " + s);
            }
        });
        this.prefix = prefix;
        this.suffix = suffix;
        this.devices = devices;
        this.skipped = List.copyOf(skipped);
        this.shell = Objects.requireNonNull(shell);
        this.shown = shown;
        this.parser = Objects.requireNonNull(parser);
        this.files = Pattern.compile(Pattern.quote(prefix) + "(.+)" + Pattern.quote(suffix));
    }

    /** The file of one device: {@code ethtool-eth0.txt}. */
    public String file(String device) {
        return prefix + device + suffix;
    }

    /** The device a file belongs to: "eth0" for {@code ethtool-eth0.txt}; empty for other files. */
    public Optional<String> deviceOf(String file) {
        var m = files.matcher(file);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The one-file source of one device, with this family's parser. */
    public Source<T> of(String device) {
        return Source.of(file(device), shell, text -> parser.apply(device, text))
                .shownAs(shown.replace("$n", device));
    }

    @Override
    public String functions() {
        return "";
    }

    @Override
    public String runLines() {
        StringBuilder s = new StringBuilder();
        s.append("for _x in ").append(devices).append("; do\n");
        s.append("    [ -e \"$_x\" ] || continue\n");
        s.append("    n=${_x##*/}\n");
        for (String skip : skipped) {
            s.append("    [ \"$n\" = ").append(skip).append(" ] && continue\n");
        }
        s.append("    run \"").append(prefix).append("$n").append(suffix).append("\" ")
                .append(ShellQuote.quote(shell)).append(" \"").append(shown).append("\"\n");
        return s.append("done\n").toString();
    }

    @Override
    public boolean fills(String file) {
        return files.matcher(file).matches();
    }

    @Override
    public String toString() {
        return prefix + "DEVICE" + suffix;
    }
}
