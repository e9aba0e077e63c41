package dev.aistorctl.playbooks.node;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.core.RemoteException;
import dev.aistorctl.playbooks.Change;
import dev.aistorctl.playbooks.ChangeKey;
import dev.aistorctl.playbooks.Step;
import dev.aistorctl.playbooks.StepContext;
import dev.aistorctl.playbooks.StepParams;
import dev.aistorctl.playbooks.StepPlan;
import dev.aistorctl.storagenode.minio.MinioPaths;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code <mount>/minio} exists on every data mount, owned by minio-user, mode 0750. Only on a mount
 * point that really is a mounted filesystem: an unmounted {@code /mnt/driveN} is a directory on the
 * root filesystem, and MinIO writing there would fill the system disk while looking healthy.
 * Checked again at apply time, in the same command that creates the directory.
 */
public final class DataDirectories implements Step {
    public static final String TYPE = "data-directories";
    static final String MODE = "0750";
    private static final String OWNER = MinioPaths.USER + ":" + MinioPaths.GROUP;
    /** $1 mount, $2 directory; exit 3 when the mount is not mounted, so nothing is created beneath it. */
    private static final String ENSURE = "findmnt -rn --mountpoint \"$1\" >/dev/null || exit 3; "
            + "[ -d \"$2\" ] || mkdir \"$2\" || exit 1; chown " + OWNER + " \"$2\" && chmod " + MODE + " \"$2\"";

    public static DataDirectories fromParams(StepParams params) {
        params.allowOnly();
        return new DataDirectories();
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "data directories";
    }

    /** Whether each mount is mounted, then each directory's state: read only, and checked again when applied. */
    @Override
    public List<Command> reads(StepContext context) {
        List<String> mounts = context.inventoryHost().mountPaths();
        List<Command> reads = new ArrayList<>(mounts.stream().map(DataDirectories::mounted).toList());
        mounts.forEach(m -> reads.add(stat(MinioPaths.dataDir(m))));
        return reads;
    }

    @Override
    public StepPlan plan(StepContext context) {
        List<Change> changes = new ArrayList<>();
        List<String> mounts = context.inventoryHost().mountPaths();
        // Every mount first: one drive missing refuses the whole step before any directory is looked at.
        for (String mount : mounts) {
            if (!context.run(mounted(mount)).ok()) {
                throw notMounted(context, mount, MinioPaths.dataDir(mount));
            }
        }
        for (String mount : mounts) {
            String dir = MinioPaths.dataDir(mount);
            ExecResult stat = context.run(stat(dir));
            String want = "directory " + OWNER + " " + MODE;
            if (!stat.ok()) {
                changes.add(Change.of(ChangeKey.of("directory", dir), dir, null, want));
                continue;
            }
            String out = stat.stdoutText().strip();
            if (!out.startsWith("directory ")) {
                throw new RemoteException(context.host(), "data directory " + dir, dir + " exists and is not a directory ("
                        + out + ")");
            }
            String[] now = out.split(" ");
            String have = "directory " + now[1] + " " + pad(now[2]);
            if (!have.equals(want)) {
                changes.add(Change.of(ChangeKey.of("directory", dir), dir, have, want));
            }
        }
        return changes.isEmpty()
                ? StepPlan.nothingToDo(describe(), context.host(), mounts.size() + " data directories on mounted drives, "
                        + OWNER + " " + MODE)
                : StepPlan.changes(describe(), context.host(), changes);
    }

    @Override
    public void apply(StepContext context, StepPlan plan) {
        for (String mount : context.inventoryHost().mountPaths()) {
            String dir = MinioPaths.dataDir(mount);
            ExecResult r = context.run(Command.of("sh", "-c", ENSURE, "data-dir", mount, dir).asRoot());
            if (r.exitCode() == 3) {
                throw notMounted(context, mount, dir);
            }
            if (!r.ok()) {
                throw new RemoteException(context.host(), "create " + dir, "exit " + r.exitCode() + ": " + r.stderrTail(3));
            }
        }
    }

    /** As root like the node steps' other reads, so that a node's reads share one batch. */
    private static Command mounted(String mount) {
        return Command.of("findmnt", "-rn", "--mountpoint", mount).asRoot();
    }

    private static Command stat(String dir) {
        return Command.of("stat", "-c", "%F %U:%G %a", "--", dir).asRoot();
    }

    private static RemoteException notMounted(StepContext context, String mount, String dir) {
        return new RemoteException(context.host(), "data directory " + dir, mount + " is not mounted: refusing to create "
                + dir + " on the root filesystem; prepare the drive first (aistorctl drives prepare)");
    }

    /** stat prints 750; plans speak chmod's 0750. */
    private static String pad(String mode) {
        return mode.length() == 3 ? "0" + mode : mode;
    }
}
