package dev.aistorctl.workflows.accept;

import dev.aistorctl.hwcheck.accept.DriveThroughput;
import dev.aistorctl.hwcheck.profile.Severity;
import dev.aistorctl.hwcheck.rules.Finding;
import dev.aistorctl.workflows.Output;
import dev.aistorctl.workflows.text.Table;
import java.util.List;
import java.util.Locale;

/** The summary accept prints: a table of every drive's figures and verdict, then every failing finding with its hint. */
public final class AcceptText {
    private AcceptText() {
    }

    public static void print(AcceptResult r, Output out) {
        Table drives = new Table("HOST", "DRIVE", "TOOL", "WRITE MB/s", "READ MB/s", "VERDICT");
        for (HostDrives h : r.drives()) {
            for (DriveThroughput d : h.drives()) {
                drives.row(h.host(), d.label(), h.tool(), round(d.writeMbps()), round(d.readMbps()), verdict(r, d));
            }
            drives.row(h.host(), "all " + h.together().size() + " at once", h.tool(), round(h.togetherWriteMbps()),
                    round(h.togetherReadMbps()), "");
        }
        out.println(drives.render());
        for (var e : r.findings().entrySet()) {
            for (Finding f : e.getValue()) {
                if (f.severity() == Severity.FAIL || f.severity() == Severity.WARN) {
                    out.println(out.style("@|bold,red " + f.severity() + "|@ ") + e.getKey() + " " + f.rule() + ": " + f.message()
                            + "; expected " + f.expected());
                    if (f.hint() != null) {
                        out.hint(f.hint());
                    }
                }
            }
        }
        r.unmeasured().forEach((host, why) -> out.error(host + ": not measured: " + why));
        r.drives().forEach(h -> h.problems().forEach(p -> out.error(h.host() + ": " + p)));
        out.println(String.format(Locale.ROOT, "accept (profile %s): %d pass, %d warn, %d fail, %d hosts not measured; drives in %.0f s",
                r.profile(), r.passed(), r.warned(), r.failed(), r.unmeasured().size(), r.seconds().getOrDefault("drives", 0.0)));
    }

    private static String verdict(AcceptResult r, DriveThroughput d) {
        List<Finding> mine = r.findings().getOrDefault(d.host(), List.of()).stream().filter(f -> d.label().equals(f.device())).toList();
        Severity worst = Severity.PASS;
        for (Finding f : mine) {
            worst = worst.worst(f.severity());
        }
        return worst.name();
    }

    private static String round(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }
}
