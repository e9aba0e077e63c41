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
import java.util.ArrayList;
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
    /** As root like the node steps' other reads, so that a node's reads share one batch. */
    private static final Command CURL = Command.of("sh", "-c", "command -v curl").asRoot();

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

    /** The Java runtime (lab flavour), curl (a binary fetched by URL) and the installed binary's digest. */
    @Override
    public List<Command> reads(StepContext context) {
        BinaryArtifact b = NodeDesired.binary(context.inventory());
        List<Command> reads = new ArrayList<>(NodeDesired.javaReads(context.inventory()));
        if (b.localFile().isEmpty()) {
            reads.add(CURL);
        }
        reads.add(installedDigest(b.target()));
        return reads;
    }

    @Override
    public StepCheck check(StepContext context) {
        BinaryArtifact b = NodeDesired.binary(context.inventory());
        if (b.flavour() == Flavour.S3PROXY && NodeDesired.java(context).isEmpty()) {
            return StepCheck.blocked(NodeDesired.javaMissing());
        }
        if (b.localFile().isEmpty() && !context.run(CURL).ok()) {
            return StepCheck.blocked("node.binary.url is fetched by each host with curl, and curl is not installed here");
        }
        return StepCheck.ready();
    }

    @Override
    public StepPlan plan(StepContext context) {
        BinaryArtifact b = NodeDesired.binary(context.inventory());
        String installed = installedSha256(context, b.target());
        if (installed.equals(b.sha256())) {
            BinaryFanout.of(context.run()).notNeeded(context.host());
            return StepPlan.nothingToDo(describe(), context.host(), b.target() + " already has sha256 "
                    + Sha256.shortForm(b.sha256()) + version(context, b));
        }
        return StepPlan.changes(describe(), context.host(), List.of(Change.of(ChangeKey.of("binary", b.target()), b.target(),
                installed.isEmpty() ? null : "sha256 " + Sha256.shortForm(installed),
                "sha256 " + Sha256.shortForm(b.sha256()) + ", " + origin(b))));
    }

    /**
     * How the binary reaches the host. It depends on nothing but the artifact, so a plan reviewed for many hosts
     * still matches when it is applied to fewer (or one).
     */
    private static String origin(BinaryArtifact b) {
        if (b.localFile().isEmpty()) {
            return b.origin();
        }
        return b.origin() + " to the first " + BinaryFanout.SEEDS + " hosts of the run that need it, which serve it to"
                + " the others over the cluster network (the controller's upload for any host whose peer cannot)";
    }

    @Override
    public void apply(StepContext context, StepPlan plan) {
        BinaryArtifact b = NodeDesired.binary(context.inventory());
        context.runChecked(Command.of("mkdir", "-p", "--", b.directory()).asRoot(), "create " + b.directory());
        if (b.localFile().isEmpty()) {
            context.runChecked(Command.of("curl", "-fsSL", "--retry", "3", "-o", b.staging(), "--", b.url().orElseThrow().toString())
                    .asRoot(), "fetch " + b.url().orElseThrow(), FETCH_TIMEOUT);
            install(context, b, check(context, b));
            return;
        }
        BinaryFanout fanout = BinaryFanout.of(context.run());
        if (!fanout.fansOut()) {
            upload(context, b);
            return;
        }
        String host = context.host();
        try {
            BinaryFanout.Source source = awaitSource(context, fanout);
            boolean refused = false;
            if (source instanceof BinaryFanout.Peer peer) {
                String why = fetchFromPeer(context, b, peer);
                if (why == null) {
                    fanout.installed(host);
                    context.outcome("fetched from peer " + peer.seed() + " over the cluster network, sha256 verified");
                    return;
                }
                source = fanout.refused(host, peer.seed());
                refused = true;
                context.outcome("peer " + peer.seed() + " refused: " + why + "; uploaded from the controller instead");
            }
            BinaryFanout.Upload upload = (BinaryFanout.Upload) source;
            upload(context, b);
            if (!upload.seed()) {
                fanout.installed(host);
                if (!refused) {
                    context.outcome("uploaded from the controller: " + upload.why());
                }
                return;
            }
            serve(context, b, fanout, refused ? "" : "uploaded from the controller; ");
        } catch (RuntimeException e) {
            fanout.notServing(host);
            throw e;
        }
    }

    private static BinaryFanout.Source awaitSource(StepContext context, BinaryFanout fanout) {
        try {
            return fanout.source(context.host());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteException(context.host(), "wait for a peer holding the binary", "interrupted", e);
        }
    }

    /** The controller's upload, checked and installed. */
    private static void upload(StepContext context, BinaryArtifact b) {
        Path local = b.localFile().orElseThrow();
        long size = local.toFile().length();
        context.connector().putFile(local, b.staging(), 0755, sent -> context.progress(sent, size));
        install(context, b, check(context, b));
    }

    /** Fetches from the peer into the staging path and installs it; null when installed, else why it was refused. */
    private static String fetchFromPeer(StepContext context, BinaryArtifact b, BinaryFanout.Peer peer) {
        ExecResult r = context.connector().run(PeerCopy.fetch(peer.url(), b.staging()), PeerCopy.FETCH_TIMEOUT);
        if (!r.ok()) {
            context.run(Command.of("rm", "-f", "--", b.staging()).asRoot());
            String tail = r.stderrTail(2).strip();
            return "the fetch failed (exit " + r.exitCode() + (tail.isEmpty() ? "" : ": " + tail) + ")";
        }
        String got = check(context, b);
        if (!got.equals(b.sha256())) {
            context.run(Command.of("rm", "-f", "--", b.staging()).asRoot());
            return "it served a file with sha256 " + Sha256.shortForm(got) + ", not the pinned " + Sha256.shortForm(b.sha256());
        }
        install(context, b, got);
        return null;
    }

    /** A seed serves its installed copy until no host of the run still running may fetch it. */
    private static void serve(StepContext context, BinaryArtifact b, BinaryFanout fanout, String said) {
        String host = context.host();
        PeerCopy.Served served;
        try {
            served = PeerCopy.serve(context.connector(), host, context.inventoryHost().address(), b.target());
        } catch (RuntimeException e) {
            fanout.notServing(host);
            context.outcome(said + "cannot serve it to the other hosts (" + e.getMessage()
                    + "): they get it from another seed or the controller");
            return;
        }
        fanout.serving(host, served.url());
        context.note("serving " + b.target() + "'s verified copy to the other hosts at " + served.url());
        context.beforeLettingGo(() -> {
            try {
                fanout.awaitNoFetchers(host);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                served.close();
            }
        });
        context.outcome(said + "seed: serves it to the other hosts over the cluster network");
    }

    /** The staging file's SHA-256 on the host. */
    private static String check(StepContext context, BinaryArtifact b) {
        return Sha256.fromSha256sum(context.runChecked(Command.of("sha256sum", "--", b.staging()).asRoot(),
                "checksum " + b.staging()).stdoutText());
    }

    /** Renames the staging file over the target when it has the pinned digest; else removes it and refuses. */
    private static void install(StepContext context, BinaryArtifact b, String got) {
        String staging = b.staging();
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
        ExecResult r = context.run(installedDigest(target));
        return r.ok() ? Sha256.fromSha256sum(r.stdoutText()) : "";
    }

    private static Command installedDigest(String target) {
        return Command.of("sha256sum", "--", target).asRoot();
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
