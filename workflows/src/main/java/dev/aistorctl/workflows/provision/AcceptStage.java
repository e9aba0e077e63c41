package dev.aistorctl.workflows.provision;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.aistorctl.core.ExitCode;
import dev.aistorctl.hwcheck.profile.HardwareProfiles;
import dev.aistorctl.hwcheck.rules.Finding;
import dev.aistorctl.workflows.accept.Accept;
import dev.aistorctl.workflows.accept.AcceptRequest;
import dev.aistorctl.workflows.accept.AcceptResult;
import dev.aistorctl.workflows.accept.AcceptText;
import dev.aistorctl.workflows.accept.S3Access;
import dev.aistorctl.workflows.hardware.ProfileChoice;
import dev.aistorctl.workflows.node.NodeCluster;

/**
 * Acceptance as provision's last stage, once every node is proven: accept's drives, network and S3 parts
 * with the inventory's profile, judged as {@code accept} judges them. accept.json goes into the provision's run
 * directory; provision.json's {@code accept} section names the outcome and every failing finding.
 */
final class AcceptStage {
    private AcceptStage() {
    }

    /**
     * What acceptance gave: each host's cell of the summary table, and the outcome provision ends with when it
     * did not pass (empty when it passed).
     */
    record Accepted(Map<String, String> cells, Optional<ProvisionOutcome> stop) {
    }

    static Accepted run(ProvisionContext c, NodeCluster cluster, AcceptRequest request, Path runDir) {
        c.output.progress("accept: drives, network and S3 on every host, each phase ≤ " + request.s3().seconds() + " s");
        ProvisionStages.Stage stage = c.document.stage("accept");
        AcceptResult result = Accept.run(HardwareProfiles.load(ProfileChoice.profileOf(Optional.of(c.inventory))), c.hosts,
                c::open, request.drives(), request.network(), request.s3(), S3Access.of(c.inventory, cluster.credential()),
                c.request.parallel(), c.output);
        stage.end();
        Path file = Accept.write(result, runDir);
        if (!c.output.json()) {
            AcceptText.print(result, c.output);
        }
        List<String> failing = new ArrayList<>();
        result.findings().forEach((host, findings) -> findings.stream().filter(Finding::failed)
                .forEach(f -> failing.add(host + " " + f.rule() + " " + f.device())));
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("file", file.getFileName().toString());
        section.put("exit_code", result.exitCode().code());
        section.put("passed", result.passed());
        section.put("warned", result.warned());
        section.put("failed", result.failed());
        section.put("failing", failing);
        section.put("unmeasured", result.unmeasured());
        section.put("seconds", result.seconds());
        c.document.section("accept", section);
        Map<String, String> cells = new LinkedHashMap<>();
        c.hosts.forEach(h -> cells.put(h.name(), cell(result, h.name())));
        if (result.exitCode() == ExitCode.HARDWARE_CHECK_FAILED) {
            c.output.error("acceptance failed: " + result.failed() + " finding" + (result.failed() == 1 ? "" : "s") + " below the "
                    + "profile's figures or the peers' (" + file + "); the cluster is installed and healthy but slower than its "
                    + "hardware should be: fix the causes named above and run aistorctl accept again");
            return new Accepted(cells, Optional.of(ProvisionOutcome.ACCEPT_FAILED));
        }
        if (result.exitCode() != ExitCode.OK) {
            c.output.error("acceptance incomplete: not every host, drive, network pair or S3 node could be measured (" + file + ")");
            return new Accepted(cells, Optional.of(ProvisionOutcome.FAILED));
        }
        c.output.progress("accept: every finding passes (" + file + ")");
        return new Accepted(cells, Optional.empty());
    }

    /**
     * "PASS", or "FAIL" with the parts that failed ("FAIL drives, s3"), or "not measured" (after the failing parts when a
     * part failed and another could not be measured: a FAIL is never hidden).
     */
    static String cell(AcceptResult result, String host) {
        List<String> parts = result.findings().getOrDefault(host, List.of()).stream().filter(Finding::failed)
                .map(f -> f.rule().startsWith("accept.drive_") ? "drives" : f.rule().startsWith("accept.network_") ? "network" : "s3")
                .distinct().toList();
        String failed = parts.isEmpty() ? "" : "FAIL " + String.join(", ", parts);
        if (result.unmeasured().containsKey(host)) {
            return failed.isEmpty() ? "not measured" : failed + "; not measured";
        }
        return failed.isEmpty() ? "PASS" : failed;
    }
}
