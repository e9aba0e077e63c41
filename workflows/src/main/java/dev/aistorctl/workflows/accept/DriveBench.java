package dev.aistorctl.workflows.accept;

import dev.aistorctl.core.Connector;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.core.RemoteException;
import dev.aistorctl.facts.parse.DdSummaryParser;
import dev.aistorctl.facts.parse.FioJsonParser;
import dev.aistorctl.facts.parse.TransferResult;
import dev.aistorctl.hwcheck.accept.DriveThroughput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures one host's data drives as dperf does: a sequential write then read of a test file with
 * direct I/O on every data mount at once, then on each alone. Nothing is installed: fio when the host
 * has it, coreutils dd otherwise. A mount that is not a mount point, or has less free space than the
 * test file needs, is refused and not written to.
 */
final class DriveBench {
    /** Room left on the drive beyond the test file, so the test never fills a drive to the brim. */
    static final long MARGIN_BYTES = 64L << 20;

    private final Connector host;
    private final DriveRequest request;

    DriveBench(Connector host, DriveRequest request) {
        this.host = host;
        this.request = request;
    }

    HostDrives run(List<String> mounts) {
        long start = System.nanoTime();
        ExecResult probe = host.run(DriveScripts.probe(mounts), Duration.ofMinutes(1));
        if (!probe.ok()) {
            throw new RemoteException(host.host(), "probe the data drives", "exit " + probe.exitCode() + ": " + probe.stderrTail(3));
        }
        Probe p = Probe.parse(probe.stdoutText());
        List<String> problems = new ArrayList<>();
        List<String> usable = new ArrayList<>();
        for (String m : mounts) {
            String[] line = p.mounts.get(m);
            if (line == null || !"ok".equals(line[2])) {
                problems.add(m + ": refused, not a mount point (accept writes only on a data drive's own file system)");
            } else if (parseLong(line[3]) < request.sizeBytes() + MARGIN_BYTES) {
                problems.add(m + ": refused, " + line[3] + " bytes free, the test needs " + (request.sizeBytes() + MARGIN_BYTES));
            } else {
                usable.add(m);
            }
        }
        List<DrivePass> together = List.of();
        List<DriveThroughput> alone = new ArrayList<>();
        try {
            if (!usable.isEmpty()) {
                together = measure(p.tool, usable, request.togetherSeconds(), "together");
                for (String m : usable) {
                    DrivePass d = measure(p.tool, List.of(m), request.aloneSeconds(), "alone").get(0);
                    if (!d.measured()) {
                        problems.add(m + ": " + d.problem());
                        continue;
                    }
                    alone.add(drive(host.host(), p.mounts.get(m), d.readMbps(), d.writeMbps()));
                }
            }
        } finally {
            if (!usable.isEmpty()) {
                host.run(DriveScripts.cleanup(usable), Duration.ofMinutes(1));
            }
        }
        double w = together.stream().mapToDouble(DrivePass::writeMbps).sum();
        double r = together.stream().mapToDouble(DrivePass::readMbps).sum();
        together.stream().filter(d -> !d.measured()).forEach(d -> problems.add(d.mount() + " (together): " + d.problem()));
        return new HostDrives(host.host(), p.tool, alone, together, w, r, (System.nanoTime() - start) / 1e9, problems);
    }

    private List<DrivePass> measure(String tool, List<String> mounts, long seconds, String pass) {
        // Both passes of every drive, plus time for fio's own start and the file's removal.
        Duration limit = Duration.ofSeconds(2 * seconds + 60);
        ExecResult r = host.run(DriveScripts.measure(tool, request.sizeBytes() >> 20, seconds, mounts), limit);
        Map<String, String> outputs = sections(r.stdoutText());
        List<DrivePass> out = new ArrayList<>();
        for (int i = 0; i < mounts.size(); i++) {
            TransferResult write = parse(tool, outputs.get((i + 1) + " write"), "write");
            TransferResult read = parse(tool, outputs.get((i + 1) + " read"), "read");
            String problem = !write.measured() ? "write: " + write.problem() : !read.measured() ? "read: " + read.problem() : null;
            out.add(new DrivePass(mounts.get(i), pass, write.mbPerSecond(), read.mbPerSecond(), write.bytes(), problem));
        }
        return out;
    }

    private static TransferResult parse(String tool, String output, String side) {
        if (output == null) {
            return TransferResult.failed("no output (the measuring script stopped early)");
        }
        return "fio".equals(tool) ? FioJsonParser.parse(output, side) : DdSummaryParser.parse(output);
    }

    /** "@@ 2 read" headers, each followed by one tool's output. */
    static Map<String, String> sections(String stdout) {
        Map<String, String> out = new LinkedHashMap<>();
        String key = null;
        StringBuilder body = new StringBuilder();
        for (String line : stdout.split("\n", -1)) {
            if (line.startsWith("@@ ")) {
                if (key != null) {
                    out.put(key, body.toString());
                }
                key = line.substring(3).strip();
                body.setLength(0);
            } else if (key != null) {
                body.append(line).append('\n');
            }
        }
        if (key != null) {
            out.put(key, body.toString());
        }
        return out;
    }

    /** A drive's figures with what the probe's line for its mount says it is. */
    static DriveThroughput drive(String host, String[] probeLine, double readMbps, double writeMbps) {
        String[] l = probeLine;
        return new DriveThroughput(host, l[1], l[4], blank(l[5]), blank(l[6]), blank(l[7]), blank(l[8]), blank(l[9]), blank(l[10]),
                readMbps, writeMbps, DriveThroughput.PortLink.parse(l[11]));
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** The probe's lines by mount, and the tool. */
    record Probe(Map<String, String[]> mounts, String tool) {
        static Probe parse(String stdout) {
            Map<String, String[]> mounts = new LinkedHashMap<>();
            String tool = "dd";
            for (String line : stdout.split("\n")) {
                String[] f = line.split("\t", -1);
                if (f[0].equals("M") && f.length >= 3) {
                    String[] full = java.util.Arrays.copyOf(f, 12);
                    mounts.put(f[1], full);
                } else if (f[0].equals("T") && f.length == 2) {
                    tool = f[1].strip();
                }
            }
            return new Probe(mounts, tool);
        }
    }
}
