package dev.aistorctl.playbooks.node;

import dev.aistorctl.core.Command;
import dev.aistorctl.playbooks.Change;
import dev.aistorctl.playbooks.ChangeKey;
import dev.aistorctl.playbooks.Step;
import dev.aistorctl.playbooks.StepContext;
import dev.aistorctl.playbooks.StepParams;
import dev.aistorctl.playbooks.StepPlan;
import dev.aistorctl.storagenode.minio.MinioAccount;
import java.util.ArrayList;
import java.util.List;

/** The {@code minio-user} system group and user exist; created only when missing, never changed. */
public final class ServiceAccount implements Step {
    public static final String TYPE = "minio-account";

    public static ServiceAccount fromParams(StepParams params) {
        params.allowOnly();
        return new ServiceAccount();
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "service account minio-user";
    }

    @Override
    public List<Command> reads(StepContext context) {
        return MinioAccount.ensures().stream().map(ServiceAccount::lookup).toList();
    }

    @Override
    public StepPlan plan(StepContext context) {
        List<Change> changes = new ArrayList<>();
        for (MinioAccount.Ensure e : MinioAccount.ensures()) {
            if (!context.run(lookup(e)).ok()) {
                changes.add(Change.of(ChangeKey.of("account", e.what()), e.what(), null, "created (system account, no login, no home)"));
            }
        }
        return changes.isEmpty()
                ? StepPlan.nothingToDo(describe(), context.host(), "group and user minio-user exist")
                : StepPlan.changes(describe(), context.host(), changes);
    }

    /** The account's lookup, as root like the other node steps' reads, so that a node's reads share one batch. */
    private static Command lookup(MinioAccount.Ensure e) {
        return e.check().asRoot();
    }

    @Override
    public void apply(StepContext context, StepPlan plan) {
        for (MinioAccount.Ensure e : MinioAccount.ensures()) {
            context.runChecked(e.asIdempotentCommand(), "create " + e.what());
        }
    }
}
