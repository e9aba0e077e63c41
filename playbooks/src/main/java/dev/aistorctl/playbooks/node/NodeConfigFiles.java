package dev.aistorctl.playbooks.node;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.core.text.UnifiedDiff;
import dev.aistorctl.playbooks.Change;
import dev.aistorctl.playbooks.ChangeKey;
import dev.aistorctl.playbooks.Step;
import dev.aistorctl.playbooks.StepCheck;
import dev.aistorctl.playbooks.StepContext;
import dev.aistorctl.playbooks.StepParams;
import dev.aistorctl.playbooks.StepPlan;
import dev.aistorctl.storagenode.minio.ContentHash;
import dev.aistorctl.storagenode.minio.ManagedFile;
import dev.aistorctl.storagenode.minio.MinioEnvironment;
import dev.aistorctl.storagenode.minio.MinioPaths;
import dev.aistorctl.storagenode.minio.Secret;
import dev.aistorctl.storagenode.node.NodeFile;
import dev.aistorctl.storagenode.node.NodeFiles;
import dev.aistorctl.inventory.Flavour;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The node's configuration files hold exactly what the inventory renders, with their modes and
 * owners; each is written only when it differs.
 *
 * <p>The file holding the credential is compared without the credential ever leaving the host or
 * entering a plan: the host masks the credential line before the text is read back (compared with
 * the redacted rendering), and the credential itself is compared with {@link Secret#matches} against
 * a salted digest kept root-only in {@link NodeFiles#SECRET_DIGEST}. A missing digest counts as a
 * different credential, so the file is rewritten rather than trusted.
 */
public final class NodeConfigFiles implements Step {
    public static final String TYPE = "node-config";

    public static NodeConfigFiles fromParams(StepParams params) {
        params.allowOnly();
        return new NodeConfigFiles();
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "configuration files";
    }

    /**
     * The Java runtime (lab flavour), then each file's mode and owner and its text (the credential masked on the
     * host), and the credential's digest: what the plan compares, read only. The digest stays on the host's side
     * of the comparison as it does without the batch: only its salted form travels.
     */
    @Override
    public List<Command> reads(StepContext context) {
        List<Command> reads = new ArrayList<>(NodeDesired.javaReads(context.inventory()));
        List<NodeFile> files = NodeDesired.filesToRead(context.inventory());
        for (NodeFile f : files) {
            reads.add(stat(f.file().path()));
            reads.add(content(f));
        }
        if (files.stream().anyMatch(NodeFile::holdsSecret)) {
            reads.add(NodeDesired.SECRET_DIGEST);
        }
        return reads;
    }

    @Override
    public StepCheck check(StepContext context) {
        if (context.inventory().node().flavour() == Flavour.S3PROXY && NodeDesired.java(context).isEmpty()) {
            return StepCheck.blocked(NodeDesired.javaMissing());
        }
        return StepCheck.ready();
    }

    @Override
    public StepPlan plan(StepContext context) {
        List<Change> changes = new ArrayList<>();
        for (NodeFile f : NodeDesired.files(context)) {
            changes.addAll(differences(context, f));
        }
        StepPlan plan = changes.isEmpty()
                ? StepPlan.nothingToDo(describe(), context.host(), "every file already as rendered: "
                        + String.join(", ", NodeDesired.files(context).stream().map(NodeFile::path).toList()))
                : StepPlan.changes(describe(), context.host(), changes);
        // Known before anything is written (no license: MinIO starts read-only or not at all), converged or not.
        return context.inventory().node().flavour() == Flavour.MINIO
                ? plan.withWarnings(MinioEnvironment.of(context.inventory()).warnings()) : plan;
    }

    @Override
    public void apply(StepContext context, StepPlan plan) {
        boolean unitChanged = false;
        for (NodeFile f : NodeDesired.files(context)) {
            if (differences(context, f).isEmpty()) {
                continue;
            }
            write(context, f);
            unitChanged |= f.path().equals(MinioPaths.UNIT_FILE);
        }
        if (unitChanged) {
            context.runChecked(Command.of("systemctl", "daemon-reload").asRoot(), "reload systemd units");
        }
    }

    /** What differs for one file: content (by hash), credential (by digest), mode and owner. */
    static List<Change> differences(StepContext context, NodeFile f) {
        List<Change> out = new ArrayList<>();
        ManagedFile m = f.file();
        ExecResult stat = context.run(stat(m.path()));
        String want = "sha256 " + f.contentHash().substring(7, 19) + (f.holdsSecret() ? " (credential redacted)" : "");
        if (!stat.ok()) {
            out.add(Change.of(ChangeKey.of("file", m.path()), m.path(), null, want + ", " + m.mode() + " " + m.owner() + ":" + m.group())
                    .withDiff(diff(f, null)));
            return out;
        }
        byte[] now = context.runChecked(content(f), "read " + m.path()).stdout();
        byte[] expected = f.redacted().getBytes(f.charset());
        if (!Arrays.equals(now, expected)) {
            // Both sides as the plan may show them: the host masked its credential line before sending the text.
            out.add(Change.of(ChangeKey.of("file content", m.path()), m.path() + " content", "sha256 " + ContentHash.sha256(new String(now, f.charset())).substring(7, 19),
                    want).withDiff(diff(f, new String(now, f.charset()))));
        }
        if (f.holdsSecret() && !credentialMatches(context)) {
            out.add(Change.of(ChangeKey.of("file credential", m.path()), m.path() + " credential", "not the one from " + context.inventory().node().rootPassword()
                    + " (compared by digest)", "the credential from " + context.inventory().node().rootPassword()));
        }
        String[] modeOwner = stat.stdoutText().strip().split(" ");
        String mode = modeOwner[0].length() == 3 ? "0" + modeOwner[0] : modeOwner[0];
        String wantOwner = m.owner() + ":" + m.group();
        if (!mode.equals(m.mode()) || !modeOwner[1].equals(wantOwner)) {
            out.add(Change.of(ChangeKey.of("file mode", m.path()), m.path() + " mode", mode + " " + modeOwner[1], m.mode() + " " + wantOwner));
        }
        return out;
    }

    /**
     * What the file will hold against what the host holds ({@code now}, null when absent), credential masked on
     * both sides. The license is a vendor's signed token: its bytes are not for plans or journals, only its hash.
     */
    private static String diff(NodeFile f, String now) {
        return f.path().equals(MinioPaths.LICENSE_FILE) ? null : UnifiedDiff.of(f.path(), now, f.redacted());
    }

    /** Resolved through the context, which registers it with the run's redactor before anything can print it. */
    private static Secret secret(StepContext context) {
        return Secret.of(context.secret(context.inventory().node().rootPassword()));
    }

    private static Command stat(String path) {
        return Command.of("stat", "-c", "%a %U:%G", "--", path).asRoot();
    }

    /** The file's text as the host holds it, its credential line masked there when it has one. */
    private static Command content(NodeFile f) {
        return f.holdsSecret() ? Command.script(f.maskedReadScript()).asRoot() : Command.of("cat", "--", f.path()).asRoot();
    }

    private static boolean credentialMatches(StepContext context) {
        ExecResult digest = context.run(NodeDesired.SECRET_DIGEST);
        if (!digest.ok() || digest.stdoutText().isBlank()) {
            return false;
        }
        try {
            return secret(context).matches(digest.stdoutText().strip());
        } catch (IllegalArgumentException notADigest) {
            return false;
        }
    }

    private static void write(StepContext context, NodeFile f) {
        ManagedFile m = f.file();
        String dir = m.path().substring(0, m.path().lastIndexOf('/'));
        context.runChecked(Command.of("mkdir", "-p", "--", dir).asRoot(), "create " + dir);
        int mode = Integer.parseInt(m.mode(), 8);
        if (f.holdsSecret()) {
            Secret secret = secret(context);
            // Written root-only first; the group that may read it is given only once the content is complete.
            context.connector().put(f.bytes(secret), m.path(), mode & 0600);
            context.runChecked(Command.of("mkdir", "-p", "-m", "0700", "--", NodeFiles.STATE_DIR).asRoot(),
                    "create " + NodeFiles.STATE_DIR);
            context.connector().put((secret.digest() + "\n").getBytes(StandardCharsets.US_ASCII), NodeFiles.SECRET_DIGEST, 0600);
        } else {
            context.connector().put(f.bytes(null), m.path(), mode);
        }
        context.runChecked(Command.of("chown", m.owner() + ":" + m.group(), "--", m.path()).asRoot(), "own " + m.path());
        context.runChecked(Command.of("chmod", m.mode(), "--", m.path()).asRoot(), "mode " + m.path());
    }
}
