package dev.aistorctl.hwcheck.rules;

import dev.aistorctl.facts.facts.SourceReport;
import java.util.ArrayList;
import java.util.List;

/**
 * Why a fact is unknown, in the words of the capture: which source file was missing or which
 * command failed and how ("nvme list -o json failed (command not found)"), with what to do.
 */
record Unknown(String reason, String hint) {

    static final List<String> CPU = List.of("lscpu.json", "lscpu.txt", "cpuinfo.txt");
    static final List<String> MEMINFO = List.of("meminfo.txt");
    static final List<String> DIMMS = List.of("dmidecode-memory.txt");
    static final List<String> NVME = List.of("nvme-list.json", "nvme-list.txt");
    static final List<String> PCI = List.of("pci-links.txt", "lspci-vvv.txt");
    static final List<String> NICS = List.of("ip-link.json", "net-speed.txt");
    static final List<String> OS = List.of("os-release.txt");
    static final List<String> KERNEL = List.of("uname.txt");
    static final List<String> CPUFREQ = List.of("cpufreq.txt");

    static Unknown of(SourceReport sources, List<String> files, String what, String hint) {
        List<String> reasons = new ArrayList<>();
        if (sources != null) {
            for (String file : files) {
                sources.whyUnknown(file).ifPresent(reasons::add);
            }
        }
        String reason = reasons.isEmpty()
                ? what + " not reported by " + String.join(", ", files)
                : what + ": " + String.join("; ", reasons);
        return new Unknown(reason, hint);
    }

    static Unknown plain(String reason, String hint) {
        return new Unknown(reason, hint);
    }
}
