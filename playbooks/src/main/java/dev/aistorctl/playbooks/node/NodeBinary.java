package dev.aistorctl.playbooks.node;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.core.RemoteException;
import dev.aistorctl.inventory.Flavour;
import dev.aistorctl.playbooks.Change;
import dev.aistorctl.playbooks.ChangeKey;
import dev.aistorctl.playbooks.Step;
import dev.aistorctl.playbooks.StepCheck;
import dev.aistorctl.playbooks.StepContext;
import dev.aistorctl.playbooks.StepParams;
import dev.aistorctl.playbooks.StepPlan;
import dev.aistorctl.storagenode.node.BinaryArtifact;
import dev.aistorctl.storagenode.node.Sha256;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The server binary in place with the SHA-256 the inventory pins. The new file goes to a staging
 * path beside the target (uploaded by the controller, or fetched by the host), its digest is checked
 * on the host, and only then is it renamed over the target: a wrong digest leaves the installed
 * binary, and the service running from it, untouched. The running service keeps its open copy
 * until it is restarted (node-start plans that restart).
 */
public final class NodeBinary implements Step {
    public static final String TYPE = "node-binary";
    private static final Duration FETCH_TIMEOUT = Duration.ofMinutes(15);

    public static NodeBinary fromParams(StepParams params) {
        params.allowOnly();
        return new NodeBinary();
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "server binary";
    }

    @Override
    public StepCheck check(StepContext context) {
        BinaryArtifact b = NodeDesired.binary(context.inventory());
        if (b.flavour() == Flavour.S3PROXY && NodeDesired.java(context).isEmpty()) {
            return StepCheck.blocked(NodeDesired.javaMissing());
        }
        if (b.localFile().isEmpty() && !context.run(Command.of("sh", "-c", "command -v curl")).ok()) {
            return StepCheck.blocked("node.binary.url is fetched by each host with curl, and curl is not installed here");
        }
        return StepCheck.ready();
    }

    @Override
    public StepPlan plan(StepContext context) {
        BinaryArtifact b = NodeDesired.binary(context.inventory());
        String installed = installedSha256(context, b.target());
        if (installed.equals(b.sha256())) {
            return StepPlan.nothingToDo(describe(), context.host(), b.target() + " already has sha256 "
                    + Sha256.shortForm(b.sha256()) + version(context, b));
        }
        return StepPlan.changes(describe(), context.host(), List.of(Change.of(ChangeKey.of("binary", b.target()), b.target(),
                installed.isEmpty() ? null : "sha256 " + Sha256.shortForm(installed),
                "sha256 " + Sha256.shortForm(b.sha256()) + ", " + b.origin())));
    }

    @Override
    public void apply(StepContext context, StepPlan plan) {
        BinaryArtifact b = NodeDesired.binary(context.inventory());
        String staging = b.staging();
        context.runChecked(Command.of("mkdir", "-p", "--", b.directory()).asRoot(), "create " + b.directory());
        if (b.localFile().isPresent()) {
            Path local = b.localFile().get();
            long size = local.toFile().length();
            context.connector().putFile(local, staging, 0755, sent -> context.progress(sent, size));
        } else {
            context.runChecked(Command.of("curl", "-fsSL", "--retry", "3", "-o", staging, "--", b.url().orElseThrow().toString())
                    .asRoot(), "fetch " + b.url().orElseThrow(), FETCH_TIMEOUT);
        }
        String got = Sha256.fromSha256sum(context.runChecked(Command.of("sha256sum", "--", staging).asRoot(),
                "checksum " + staging).stdoutText());
        if (!got.equals(b.sha256())) {
            context.run(Command.of("rm", "-f", "--", staging).asRoot());
            throw new RemoteException(context.host(), "install " + b.target(), "the new binary has sha256 " + got
                    + " but the inventory pins " + b.sha256() + "; refusing to install it. The installed binary and the"
                    + " running service are untouched");
        }
        // rename(2) within one directory: any reader sees the old file or the new one, never a partial one.
        context.runChecked(Command.of("sh", "-c", "chmod 0755 \"$1\" && mv -f -- \"$1\" \"$2\"", "install", staging, b.target())
                .asRoot(), "install " + b.target());
        if (b.flavour() == Flavour.MINIO) {
            context.note("installed " + b.target() + version(context, b));
        }
    }

    static String installedSha256(StepContext context, String target) {
        ExecResult r = context.run(Command.of("sha256sum", "--", target).asRoot());
        return r.ok() ? Sha256.fromSha256sum(r.stdoutText()) : "";
    }

    /** {@code minio --version}'s first line, for flavour minio; the jar has no such switch. */
    private static String version(StepContext context, BinaryArtifact b) {
        if (b.flavour() != Flavour.MINIO) {
            return "";
        }
        ExecResult r = context.connector().run(Command.of(b.target(), "--version"), Duration.ofSeconds(30));
        String first = r.stdoutText().strip().split("\n", 2)[0];
        return r.ok() && !first.isEmpty() ? " (" + first + ")" : "";
    }
}
