package dev.aistorctl.playbooks.node;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.core.RemoteException;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.playbooks.Change;
import dev.aistorctl.playbooks.Playbook;
import dev.aistorctl.playbooks.PlaybookStep;
import dev.aistorctl.playbooks.ChangeDifference;
import dev.aistorctl.playbooks.ChangeKey;
import dev.aistorctl.playbooks.Step;
import dev.aistorctl.playbooks.StepCheck;
import dev.aistorctl.playbooks.StepContext;
import dev.aistorctl.playbooks.StepParams;
import dev.aistorctl.playbooks.StepPlan;
import dev.aistorctl.storagenode.drives.DriveLabel;
import dev.aistorctl.core.text.ByteSize;
import dev.aistorctl.storagenode.minio.MinioPaths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The node's data directories on the drives named for wiping are empty: an earlier deployment's data
 * ({@code <mount>/.minio.sys} and {@code <mount>/minio}) is deleted, so the node starts on clean drives.
 *
 * <p>Each non-empty directory is one destructive change, keyed by its path, file count and bytes, so it
 * needs the destructive go-ahead like a format. Only under a data mount of this host in the inventory
 * that is mounted now as an XFS filesystem carrying this cluster's label for that drive; anything else
 * (not mounted, another filesystem, another cluster's drive, a data directory that is a symlink) is
 * refused. Apply reads the directories again and empties nothing on the host when what they hold
 * changed since the plan (a node still running, say); the emptying command checks the mount and label
 * once more itself and never leaves the drive's filesystem ({@code find -xdev}).
 */
public final class EmptyDataDirectories implements Step {
    public static final String TYPE = "empty-data-directories";
    /** The kind of a change's {@link ChangeKey}; its subject is the directory's path. */
    public static final String KEY_KIND = "data directory";

    /** $1 mount, $2 directory, pairs repeated: the mount's filesystem and label, and what the directory holds. */
    private static final String PROBE = "while [ $# -ge 2 ]; do m=$1; d=$2; shift 2; "
            + "printf '@dir %s\\n' \"$d\"; "
            + "printf 'fstype %s\\n' \"$(findmnt -n -o FSTYPE --mountpoint \"$m\" 2>/dev/null)\"; "
            + "printf 'label %s\\n' \"$(findmnt -n -o LABEL --mountpoint \"$m\" 2>/dev/null)\"; "
            + "if [ -L \"$d\" ]; then echo 'state symlink'; elif [ ! -e \"$d\" ]; then echo 'state absent'; "
            + "elif [ ! -d \"$d\" ]; then echo 'state not-a-directory'; "
            + "else printf 'state %s\\n' \"$(find \"$d\" -xdev -mindepth 1 -printf '%s\\n' | awk '{n++; b+=$1} END {printf \"%d %d\", n, b}')\"; fi; "
            + "done";
    /**
     * $1 mount, $2 directory, $3 the drive's label, triples repeated. Exit 3: not an XFS mount, 4: another
     * label, 5: not a directory; 6: deleting failed.
     */
    private static final String EMPTY = "while [ $# -ge 3 ]; do m=$1; d=$2; l=$3; shift 3; "
            + "[ \"$(findmnt -n -o FSTYPE --mountpoint \"$m\")\" = xfs ] || exit 3; "
            + "[ \"$(findmnt -n -o LABEL --mountpoint \"$m\")\" = \"$l\" ] || exit 4; "
            + "[ -d \"$d\" ] && [ ! -L \"$d\" ] || exit 5; "
            + "find \"$d\" -xdev -mindepth 1 -delete || exit 6; "
            + "done";

    private final Map<String, Set<String>> mountsByHost;

    /** @param mountsByHost by host name, the data mounts whose data directories are emptied */
    public EmptyDataDirectories(Map<String, ? extends Collection<String>> mountsByHost) {
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        mountsByHost.forEach((h, m) -> copy.put(h, Set.copyOf(new LinkedHashSet<>(m))));
        this.mountsByHost = Map.copyOf(copy);
    }

    /** From {@code HOST:MOUNT} names, as {@code node install --wipe} takes them. */
    public static EmptyDataDirectories of(Collection<String> hostMounts) {
        Map<String, List<String>> byHost = new LinkedHashMap<>();
        for (String w : hostMounts) {
            int colon = w.indexOf(':');
            if (colon < 1 || colon == w.length() - 1) {
                throw new IllegalArgumentException("'" + w + "' is not HOST:MOUNT");
            }
            byHost.computeIfAbsent(w.substring(0, colon), h -> new ArrayList<>()).add(w.substring(colon + 1));
        }
        return new EmptyDataDirectories(byHost);
    }

    /**
     * The one-step playbook {@code node-wipe} that empties the data directories of {@code hostMounts}
     * ({@code HOST:MOUNT}), for a command that wipes before it installs ({@code node install --wipe}).
     */
    public static Playbook playbook(Collection<String> hostMounts) {
        return new Playbook("node-wipe", "empty the data directories of the drives named for wiping", "builtin:node-wipe",
                List.of(new PlaybookStep(1, null, of(hostMounts), "node-wipe")));
    }

    public static EmptyDataDirectories fromParams(StepParams p) {
        p.allowOnly("drives");
        List<String> drives = p.strings("drives");
        for (String w : drives) {
            int colon = w.indexOf(':');
            if (colon < 1 || colon == w.length() - 1) {
                throw p.fail("drives", "'" + w + "' is not HOST:MOUNT (e.g. node03:/mnt/drive2)");
            }
        }
        return of(drives);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "the node's data directories are empty";
    }

    @Override
    public StepCheck check(StepContext context) {
        InventoryHost h = context.inventoryHost();
        Set<String> mounts = mountsByHost.getOrDefault(h.name(), Set.of());
        if (mounts.isEmpty()) {
            return StepCheck.notApplicable("no data drive of " + h.name() + " is named for wiping");
        }
        List<String> foreign = mounts.stream().filter(m -> !h.mountPaths().contains(m)).sorted().toList();
        if (!foreign.isEmpty()) {
            return StepCheck.blocked(String.join(", ", foreign) + " is not a data mount of " + h.name()
                    + " in the inventory (" + String.join(", ", h.mountPaths()) + "); nothing else is ever wiped");
        }
        return StepCheck.ready();
    }

    @Override
    public StepPlan plan(StepContext context) {
        List<Directory> dirs = probe(context);
        List<Change> changes = changes(dirs);
        if (changes.isEmpty()) {
            return StepPlan.nothingToDo(describe(), context.host(), "empty: " + String.join(", ", dirs.stream()
                    .map(d -> d.path() + " " + (d.files() < 0 ? "absent" : "empty")).toList()));
        }
        return StepPlan.changes(describe(), context.host(), changes);
    }

    @Override
    public void apply(StepContext context, StepPlan plan) {
        // As for formats: read the directories again, and touch nothing on a host where they changed.
        List<Directory> now = probe(context);
        List<Change> fresh = changes(now);
        if (!fresh.equals(plan.changes())) {
            throw new RemoteException(context.host(), "empty data directories", "data directory state changed: "
                    + String.join("; ", ChangeDifference.between(plan.changes(), fresh)) + "; nothing was emptied on this host");
        }
        List<String> argv = new ArrayList<>(List.of("sh", "-c", EMPTY, "data-dir-empty"));
        List<String> emptied = new ArrayList<>();
        for (Directory d : now) {
            if (d.files() > 0) {
                argv.addAll(List.of(d.mount(), d.path(), d.label()));
                emptied.add(d.path());
            }
        }
        ExecResult r = context.run(Command.of(argv).withEnv("LC_ALL", "C").asRoot());
        if (!r.ok()) {
            String why = switch (r.exitCode()) {
                case 3 -> "a drive is no longer an XFS mount";
                case 4 -> "a drive no longer carries this cluster's label";
                case 5 -> "a data directory is no longer a directory";
                case 6 -> "deleting failed";
                default -> "exit " + r.exitCode();
            };
            String tail = r.stderrTail(3).strip();
            throw new RemoteException(context.host(), "empty data directories", why + (tail.isEmpty() ? "" : ": " + tail));
        }
        context.note("emptied " + String.join(", ", emptied));
    }

    /** One named data directory as read now; {@code files} is -1 when it does not exist. */
    record Directory(String mount, String path, String label, long files, long bytes) {
    }

    private List<Directory> probe(StepContext context) {
        InventoryHost h = context.inventoryHost();
        String cluster = context.inventory().cluster().name();
        List<String> argv = new ArrayList<>(List.of("sh", "-c", PROBE, "data-dir-probe"));
        List<String[]> pairs = new ArrayList<>();
        for (int i = 0; i < h.mountPaths().size(); i++) {
            String mount = h.mountPaths().get(i);
            if (mountsByHost.getOrDefault(h.name(), Set.of()).contains(mount)) {
                String label = DriveLabel.of(cluster, i + 1).text();
                for (String dir : List.of(rootSystemDir(mount), MinioPaths.dataDir(mount))) {
                    argv.addAll(List.of(mount, dir));
                    pairs.add(new String[] {mount, dir, label});
                }
            }
        }
        ExecResult r = context.run(Command.of(argv).withEnv("LC_ALL", "C").asRoot());
        if (!r.ok()) {
            throw new RemoteException(context.host(), "read data directories", "exit " + r.exitCode()
                    + (r.stderrTail(3).isBlank() ? "" : ": " + r.stderrTail(3).strip()));
        }
        Map<String, Map<String, String>> read = parse(r.stdoutText());
        List<Directory> out = new ArrayList<>();
        for (String[] p : pairs) {
            out.add(judge(context.host(), p[0], p[1], p[2], read.getOrDefault(p[1], Map.of())));
        }
        return out;
    }

    /** The refusals: only a data directory of this cluster's mounted XFS drive is ever emptied. */
    private static Directory judge(String host, String mount, String dir, String label, Map<String, String> read) {
        String fstype = read.getOrDefault("fstype", "");
        String state = read.get("state");
        if (state == null) {
            throw new RemoteException(host, "read data directories", "no answer for " + dir);
        }
        if (fstype.isEmpty()) {
            throw new RemoteException(host, "plan wipe " + mount, mount + " is not mounted: refusing to wipe beneath it "
                    + "(only data directories on this cluster's mounted XFS drives are wiped)");
        }
        if (!fstype.equals("xfs")) {
            throw new RemoteException(host, "plan wipe " + mount, mount + " is " + fstype + ", not this cluster's XFS drive: "
                    + "refusing to wipe beneath it");
        }
        String actual = read.getOrDefault("label", "");
        if (!actual.equals(label)) {
            throw new RemoteException(host, "plan wipe " + mount, mount + " carries label '" + actual + "', not " + label
                    + " (this cluster's drive there): refusing to wipe beneath it");
        }
        switch (state) {
            case "absent":
                return new Directory(mount, dir, label, -1, 0);
            case "symlink":
            case "not-a-directory":
                throw new RemoteException(host, "plan wipe " + mount, dir + " is " + (state.equals("symlink") ? "a symlink"
                        : "not a directory") + ": refusing to wipe it");
            default:
                String[] nb = state.split(" ");
                try {
                    return new Directory(mount, dir, label, Long.parseLong(nb[0]), Long.parseLong(nb[1]));
                } catch (RuntimeException e) {
                    throw new RemoteException(host, "read data directories", "unreadable state of " + dir + ": " + state);
                }
        }
    }

    private static List<Change> changes(List<Directory> dirs) {
        List<Change> out = new ArrayList<>();
        for (Directory d : dirs) {
            if (d.files() > 0) {
                String held = d.files() + (d.files() == 1 ? " file or directory, " : " files and directories, ")
                        + ByteSize.binary(d.bytes());
                out.add(Change.destructive(ChangeKey.of(KEY_KIND, d.path()).with("files", String.valueOf(d.files()))
                        .with("bytes", String.valueOf(d.bytes())), "empty " + d.path(), held, "empty"));
            }
        }
        return out;
    }

    /** Lines after each {@code @dir PATH}: {@code fstype X}, {@code label X}, {@code state X}. */
    private static Map<String, Map<String, String>> parse(String out) {
        Map<String, Map<String, String>> read = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (String line : out.split("\n", -1)) {
            if (line.startsWith("@dir ")) {
                current = read.computeIfAbsent(line.substring(5), k -> new LinkedHashMap<>());
            } else if (current != null) {
                int space = line.indexOf(' ');
                if (space > 0) {
                    current.put(line.substring(0, space), line.substring(space + 1));
                } else if (!line.isEmpty()) {
                    current.put(line, "");
                }
            }
        }
        return read;
    }

    /** MinIO given the mount itself as its path keeps its metadata at the mount's root. */
    private static String rootSystemDir(String mount) {
        return (mount.endsWith("/") ? mount : mount + "/") + ".minio.sys";
    }
}
