package dev.aistorctl.workflows.provision;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.aistorctl.core.HostOutcome;
import dev.aistorctl.facts.FactsAssembler;
import dev.aistorctl.facts.FactsCollection;
import dev.aistorctl.facts.facts.FactsJson;
import dev.aistorctl.facts.facts.GatherReport;
import dev.aistorctl.facts.facts.GatheredHost;
import dev.aistorctl.facts.facts.HostFacts;
import dev.aistorctl.hwcheck.profile.HardwareProfiles;
import dev.aistorctl.hwcheck.rules.HardwareCheck;
import dev.aistorctl.hwcheck.rules.VerifyReport;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.playbooks.Interruption;
import dev.aistorctl.storagenode.drives.DrivesReport;
import dev.aistorctl.storagenode.drives.HostDrives;
import dev.aistorctl.workflows.drives.DriveReports;
import dev.aistorctl.workflows.hardware.ProfileChoice;
import dev.aistorctl.workflows.hardware.VerifyReportText;
import dev.aistorctl.workflows.inventory.InventoryJson;
import dev.aistorctl.workflows.remote.ProgressLines;

/** Facts in one round trip per host, the hardware verdicts, and the drives as they are before anything changes. */
final class HardwareStage {

    /** What the hardware stage found; {@code stop} is the outcome when provisioning may not go on. */
    record Verdicts(VerifyReport verify, DrivesReport drives, AcceptedFindings accepted, Optional<ProvisionOutcome> stop) {
    }

    /** What provision keeps of one host's bundle. */
    private record HostRead(HostFacts facts, HostDrives drives) {
    }

    private HardwareStage() {
    }

    static Verdicts run(ProvisionContext c) {
        c.document.section("inventory", InventoryJson.show(c.inventory, c.hosts));
        // Each host's bundle is read into its facts and drives by the worker that gathered it, and let go: not every
        // host's raw bundle held until the last host answers.
        List<HostDrives> hostDrives = new ArrayList<>();
        List<GatheredHost> gathered = new ArrayList<>();
        ProvisionStages.Stage facts = c.document.stage("facts");
        Optional<Inventory> inventory = Optional.of(c.inventory);
        List<String> names = c.hosts.stream().map(InventoryHost::name).toList();
        for (HostOutcome<HostRead> o : FactsCollection.gatherAndRead(names, c::open, c.request.parallel(), Optional.empty(),
                facts.hosts(new ProgressLines(c.output, "facts", names)),
                (host, bundle) -> new HostRead(FactsAssembler.from(bundle), DriveReports.host(host, bundle, inventory)))) {
            gathered.add(o.ok() ? GatheredHost.of(o.host(), o.value().facts()) : GatheredHost.unreachable(o.host(), o.error()));
            hostDrives.add(o.ok() ? o.value().drives() : HostDrives.unreachable(o.host(), o.error()));
        }
        facts.end();
        if (Interruption.process().requested()) {
            // Cut by Ctrl-C: the hosts not gathered are not unreachable, and no verdict is made on half the facts.
            return new Verdicts(null, null, null, Optional.of(ProvisionOutcome.INTERRUPTED));
        }
        ProvisionStages.Stage hardware = c.document.stage("hardware");
        c.document.section("facts", ProvisionDocument.parse(FactsJson.write(new GatherReport(gathered))));
        VerifyReport verify = HardwareCheck.verify(HardwareProfiles.load(ProfileChoice.profileOf(Optional.of(c.inventory))),
                gathered);
        c.document.section("verify", ProvisionDocument.parse(FactsJson.write(verify)));
        DrivesReport drives = DriveReports.of(hostDrives, inventory);
        c.document.section("drives", drives);

        AcceptedFindings accepted = AcceptedFindings.of(verify, c.request.acceptFindings());
        c.document.acceptedFindings(accepted.accepted());
        accepted.notFailing().forEach(r -> c.output.hint("--accept-finding " + r + ": no host fails that rule"));
        Verdicts verdicts = new Verdicts(verify, drives, accepted, verdict(c, verify, accepted, gathered));
        hardware.end();
        return verdicts;
    }

    private static Optional<ProvisionOutcome> verdict(ProvisionContext c, VerifyReport verify, AcceptedFindings accepted,
                                                      List<GatheredHost> gathered) {
        List<String> unreachable = gathered.stream().filter(h -> !h.reachable()).map(GatheredHost::host).toList();
        if (!accepted.passes()) {
            if (!c.output.json()) {
                VerifyReportText.print(verify, c.output);
            }
            c.failedHosts.addAll(verify.summary().failedHosts());
            c.output.error("hardware check failed (" + String.join(", ", accepted.unaccepted()) + "); nothing was changed. "
                    + "Fix the hardware, or accept a rule knowingly with --accept-finding RULE");
            return Optional.of(ProvisionOutcome.HARDWARE_FAILED);
        }
        if (!unreachable.isEmpty()) {
            c.failedHosts.addAll(unreachable);
            gathered.stream().filter(h -> !h.reachable()).forEach(h -> c.output.error(h.host() + ": " + c.redactor.redact(h.error())));
            return Optional.of(ProvisionOutcome.FAILED);
        }
        if (!accepted.accepted().isEmpty()) {
            c.output.progress("hardware: accepted failing rule" + (accepted.accepted().size() == 1 ? " " : "s ")
                    + String.join(", ", accepted.accepted()));
        } else {
            c.output.progress("hardware: every host passes profile " + verify.profile());
        }
        return Optional.empty();
    }
}
