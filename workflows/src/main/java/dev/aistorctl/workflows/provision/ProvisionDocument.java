package dev.aistorctl.workflows.provision;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aistorctl.core.Json;
import dev.aistorctl.playbooks.Redactor;

/**
 * provision.json: everything one provision saw and did, each section exactly as the command that
 * owns it prints it with -o json, so a report can be built from this file alone.
 */
final class ProvisionDocument {
    static final String FORMAT = "aistorctl-provision/1";
    static final String FILE = "provision.json";

    private final ObjectNode root = Json.mapper().createObjectNode();
    private final ObjectNode runs;
    private final ArrayNode nodeRuns;
    private final ProvisionStages stages;

    ProvisionDocument(String runId, String toolVersion, Instant started) {
        root.put("format", FORMAT);
        root.put("run_id", runId);
        root.put("tool_version", toolVersion);
        root.put("started", started.toString());
        root.putNull("finished");
        root.putNull("outcome");
        root.putArray("failed_hosts");
        root.putArray("accepted_findings");
        // What the plan warned of before anything was applied (a MinIO node without a license, ...).
        root.putArray("warnings");
        for (String section : new String[] {"inventory", "facts", "verify", "drives"}) {
            root.putNull(section);
        }
        runs = root.putObject("runs");
        runs.putNull("drives");
        runs.putNull("tune");
        nodeRuns = runs.putArray("node");
        // The drives playbook again once the node created its service user, handing it the drives' roots.
        runs.putNull("drive_owners");
        root.putNull("status");
        stages = new ProvisionStages(root.putArray("stages"), Clock.systemUTC());
    }

    /** Begins a stage of the provision now; see {@link ProvisionStages}. */
    ProvisionStages.Stage stage(String name) {
        return stages.begin(name);
    }

    /** The stage begun last, whether or not it has ended; null before the first. */
    String currentStage() {
        return stages.lastBegun();
    }

    /** Any value as JSON: a tree as it is, a String holding JSON parsed, anything else as Jackson maps it. */
    static JsonNode tree(Object value) {
        if (value == null) {
            return NullNode.getInstance();
        }
        if (value instanceof JsonNode node) {
            return node;
        }
        return Json.mapper().valueToTree(value);
    }

    static JsonNode parse(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void section(String name, Object value) {
        root.set(name, tree(value));
    }

    void run(String name, JsonNode run) {
        runs.set(name, run == null ? NullNode.getInstance() : run);
    }

    void nodeRuns(ArrayNode list) {
        nodeRuns.removeAll();
        nodeRuns.addAll(list);
    }

    void acceptedFindings(Collection<String> rules) {
        ArrayNode a = root.putArray("accepted_findings");
        rules.forEach(a::add);
    }

    void finish(String outcome, Collection<String> failedHosts, Instant finished) {
        stages.endAll(finished);
        root.put("finished", finished.toString());
        root.put("outcome", outcome);
        ArrayNode f = root.putArray("failed_hosts");
        failedHosts.forEach(f::add);
    }

    /** The document with every secret the redactor knows masked. */
    JsonNode redacted(Redactor redactor) {
        return redactor.redact(root);
    }

    /** Writes the redacted document into {@code runDir}; the secrets never reach the disk. */
    Path write(Path runDir, Redactor redactor) {
        try {
            Files.createDirectories(runDir);
            Path file = runDir.resolve(FILE);
            Files.writeString(file, Json.pretty().writeValueAsString(redacted(redactor)) + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + runDir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }
}
