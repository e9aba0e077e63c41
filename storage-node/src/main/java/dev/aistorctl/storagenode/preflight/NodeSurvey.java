package dev.aistorctl.storagenode.preflight;

import dev.aistorctl.core.Command;
import dev.aistorctl.storagenode.drives.FstabMarker;
import dev.aistorctl.storagenode.health.MountWait;
import dev.aistorctl.storagenode.health.SectionedOutput;
import dev.aistorctl.storagenode.minio.MinioPaths;
import dev.aistorctl.storagenode.node.ServiceStamp;
import dev.aistorctl.storagenode.node.Sha256;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything pre-flight and status read from one node, in one round trip: a fixed script whose
 * output is split into {@code == SECTION ARG} blocks, and a pure parser. Inventory values (mounts,
 * names, paths) reach the script only as positional arguments, never as script text.
 *
 * @param serviceState    {@code systemctl is-active minio}
 * @param stamped         aistorctl has started the service here before (its stamp exists)
 * @param nrOpen          {@code fs.nr_open}, or -1
 * @param portListeners   {@code ss} lines of whatever listens on the API port
 * @param binarySha256    of the installed binary, or empty text when absent
 * @param configSha256    of the credential-bearing file with the credential line masked on the host, or empty
 * @param resolved        each cluster name to the addresses {@code getent hosts} gives on this node
 * @param machine         {@code uname -m}, or empty text when the host did not say
 * @param mountWaits      the data mounts systemd has the service's start wait for; empty when it waits for none
 */
public record NodeSurvey(String host, String serviceState, boolean stamped, long nrOpen, List<String> portListeners,
                         List<MountSurvey> mounts, String binarySha256, String configSha256, Map<String, List<String>> resolved,
                         String machine, List<MountWait> mountWaits) {

    static final String SCRIPT = String.join("\n",
            "port=$1; binary=$2; config=$3; mask=$4; stamp=$5; n=$6; shift 6",
            "active=$(systemctl is-active " + MinioPaths.SERVICE + " 2>/dev/null); echo \"== active\"; echo \"$active\"",
            // Not running but queued to start: what systemd has it wait for (a data mount whose drive has not
            // appeared yet).
            MountWait.ASK_IF_WAITING,
            "echo \"== stamp\"; [ -e \"$stamp\" ] && echo present",
            "echo \"== arch\"; uname -m",
            "echo \"== nr_open\"; cat /proc/sys/fs/nr_open 2>/dev/null",
            "echo \"== port\"; ss -Hltn \"sport = :$port\" 2>/dev/null",
            "echo \"== binary\"; [ -f \"$binary\" ] && sha256sum \"$binary\"",
            "echo \"== config\"; [ -f \"$config\" ] && sed \"s|^$mask.*\\$|$mask<redacted>|\" \"$config\" | sha256sum",
            "echo \"== fstab\"; cat /etc/fstab 2>/dev/null",
            "i=0",
            "while [ $i -lt $n ]; do",
            "  m=$1; shift; i=$((i+1))",
            "  echo \"== mount $m\"; findmnt -rn -o TARGET,FSTYPE --mountpoint \"$m\"",
            "  echo \"== df $m\"; df -B1 --output=avail,size \"$m\" 2>/dev/null | tail -n 1",
            "  echo \"== format $m\"",
            "  for f in \"$m/.minio.sys/format.json\" \"$m/" + MinioPaths.DATA_SUBDIR + "/.minio.sys/format.json\"; do [ -e \"$f\" ] && echo \"$f\"; done",
            MountWait.ASK_ABOUT_MOUNT,
            "done",
            "for name in \"$@\"; do echo \"== getent $name\"; getent hosts \"$name\"; done",
            "true");

    /**
     * @param mask the credential line's key ({@code MINIO_ROOT_PASSWORD=}), masked on the host before hashing
     */
    public static Command command(int port, String binary, String config, String mask, List<String> mounts, List<String> names) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", SCRIPT, "survey", Integer.toString(port), binary, config, mask,
                ServiceStamp.PATH, Integer.toString(mounts.size())));
        argv.addAll(mounts);
        argv.addAll(names);
        return Command.of(argv).asRoot();
    }

    public static NodeSurvey parse(String host, String text) {
        Map<String, List<String>> sections = SectionedOutput.split(text);
        String state = first(sections.get("active"));
        boolean stamped = "present".equals(first(sections.get("stamp")));
        long nrOpen = number(first(sections.get("nr_open")));
        List<String> port = sections.getOrDefault("port", List.of());
        List<MountSurvey> mounts = new ArrayList<>();
        Map<String, String> serials = FstabMarker.serials(String.join("\n", sections.getOrDefault("fstab", List.of())) + "\n");
        Map<String, List<String>> resolved = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : sections.entrySet()) {
            String key = e.getKey();
            if (key.startsWith("mount ")) {
                String m = key.substring(6);
                String line = first(e.getValue());
                String[] parts = line.split(" ");
                boolean mounted = !line.isEmpty() && unescape(parts[0]).equals(m);
                String fstype = mounted && parts.length > 1 ? parts[1] : "";
                String[] df = first(sections.get("df " + m)).strip().split("\\s+");
                long avail = df.length == 2 ? number(df[0]) : -1;
                long size = df.length == 2 ? number(df[1]) : -1;
                mounts.add(new MountSurvey(m, mounted, fstype, avail, size, sections.getOrDefault("format " + m, List.of()),
                        serials.getOrDefault(m, "")));
            } else if (key.startsWith("getent ")) {
                List<String> addrs = new ArrayList<>();
                for (String l : e.getValue()) {
                    addrs.add(l.strip().split("\\s+")[0]);
                }
                resolved.put(key.substring(7), addrs);
            }
        }
        return new NodeSurvey(host, state.isEmpty() ? "unknown" : state, stamped, nrOpen, port, mounts,
                Sha256.fromSha256sum(first(sections.get("binary"))), Sha256.fromSha256sum(first(sections.get("config"))),
                resolved, first(sections.get("arch")),
                MountWait.fromSections(sections));
    }

    public boolean serviceRunning() {
        return serviceState.equals("active") || serviceState.equals("activating") || serviceState.equals("reloading");
    }

    public long mountedXfs() {
        return mounts.stream().filter(m -> m.mounted() && m.fstype().equals("xfs")).count();
    }

    private static String first(List<String> lines) {
        return lines == null || lines.isEmpty() ? "" : lines.get(0).strip();
    }

    private static long number(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** findmnt -r writes a space in a path as \x20. */
    private static String unescape(String s) {
        return s.replace("\\x20", " ").replace("\\x09", "\t").replace("\\x5c", "\\");
    }
}
