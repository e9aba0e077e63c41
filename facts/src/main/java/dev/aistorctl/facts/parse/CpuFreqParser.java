package dev.aistorctl.facts.parse;

import dev.aistorctl.facts.facts.CpuFreqFacts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU frequency scaling from three shapes: {@code cpufreq.txt} ("PATH:VALUE" lines from
 * {@code grep . /sys/devices/system/cpu/cpu*}{@code /cpufreq/scaling_*}), the output of
 * {@code cpupower frequency-info}, and a bare {@code scaling_available_governors} line.
 */
public final class CpuFreqParser {
    private static final Pattern SYSFS = Pattern.compile("^/sys/devices/system/cpu/(cpu[0-9]+)/cpufreq/([a-z_]+):(.*)$");
    private static final Pattern LIMITS = Pattern.compile("hardware limits:\\s*([0-9.]+)\\s*([MG]Hz)\\s*-\\s*([0-9.]+)\\s*([MG]Hz)");
    private static final Pattern POLICY_GOVERNOR = Pattern.compile("The governor \"([^\"]+)\"");

    private CpuFreqParser() {
    }

    /** Any of the three shapes. */
    public static CpuFreqFacts parse(String text) {
        if (text.contains("/cpufreq/")) {
            return parseSysfs(text);
        }
        if (text.contains("analyzing CPU") || text.contains("available cpufreq governors")) {
            return parseCpupower(text);
        }
        List<String> words = words(text);
        return new CpuFreqFacts(null, null, words.isEmpty() ? null : words, null, null, null);
    }

    public static CpuFreqFacts parseSysfs(String text) {
        Set<String> drivers = new LinkedHashSet<>();
        Set<String> governors = new TreeSet<>();
        Set<String> available = new LinkedHashSet<>();
        Set<String> cpus = new TreeSet<>();
        for (String line : Text.lines(text)) {
            Matcher m = SYSFS.matcher(line.strip());
            if (!m.matches()) {
                continue;
            }
            String value = m.group(3).strip();
            switch (m.group(2)) {
                case "scaling_driver" -> drivers.add(value);
                case "scaling_governor" -> {
                    governors.add(value);
                    cpus.add(m.group(1));
                }
                case "scaling_available_governors" -> available.addAll(words(value));
                default -> {
                }
            }
        }
        if (drivers.isEmpty() && governors.isEmpty() && available.isEmpty()) {
            // no cpufreq directory at all (VMs, some BIOS settings): the kernel does not scale
            return new CpuFreqFacts(null, List.of(), List.of(), 0, null, null);
        }
        return new CpuFreqFacts(drivers.isEmpty() ? null : String.join(",", drivers), new ArrayList<>(governors),
                new ArrayList<>(available), cpus.size(), null, null);
    }

    public static CpuFreqFacts parseCpupower(String text) {
        String driver = null;
        List<String> available = null;
        Double min = null;
        Double max = null;
        for (String line : Text.lines(text)) {
            String t = line.strip();
            if (t.startsWith("driver:")) {
                driver = Text.blankToNull(t.substring("driver:".length()));
            } else if (t.startsWith("available cpufreq governors:")) {
                available = words(t.substring("available cpufreq governors:".length()));
            }
            Matcher lim = LIMITS.matcher(t);
            if (lim.find()) {
                min = mhz(lim.group(1), lim.group(2));
                max = mhz(lim.group(3), lim.group(4));
            }
        }
        Matcher g = POLICY_GOVERNOR.matcher(text);
        List<String> governors = g.find() ? List.of(g.group(1)) : null;
        return new CpuFreqFacts(driver, governors, available, null, min, max);
    }

    private static Double mhz(String n, String unit) {
        double v = Double.parseDouble(n);
        return unit.equals("GHz") ? v * 1000 : v;
    }

    private static List<String> words(String s) {
        String t = s.strip();
        return t.isEmpty() ? List.of() : Arrays.asList(t.split("\\s+"));
    }
}
