package dev.aistorctl.hwcheck.rules;

import dev.aistorctl.facts.capture.Sources;
import dev.aistorctl.facts.facts.SourceReport;
import java.util.ArrayList;
import java.util.List;

/**
 * Why a fact is unknown, in the words of the capture: which source file was missing or which
 * command failed and how ("nvme list -o json failed (command not found)"), with what to do.
 */
record Unknown(String reason, String hint) {

    static final List<String> CPU = List.of(Sources.LSCPU_JSON.file(), Sources.LSCPU.file(), Sources.CPUINFO.file());
    static final List<String> MEMINFO = List.of(Sources.MEMINFO.file());
    static final List<String> DIMMS = List.of(Sources.DMI_MEMORY.file());
    static final List<String> NVME = List.of(Sources.NVME_LIST_JSON.file(), Sources.NVME_LIST_TXT.file());
    static final List<String> PCI = List.of(Sources.PCI_LINKS.file(), Sources.LSPCI.file());
    static final List<String> NICS = List.of(Sources.IP_LINK.file(), Sources.NET_SPEED.file());
    static final List<String> OS = List.of(Sources.OS_RELEASE.file());
    static final List<String> KERNEL = List.of(Sources.UNAME.file());
    static final List<String> CPUFREQ = List.of(Sources.CPUFREQ.file());

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
