package dev.aistorctl.workflows.accept;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.aistorctl.hwcheck.accept.S3Throughput;
import dev.aistorctl.hwcheck.profile.Severity;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the S3 part did: the bucket it made and removed, the load (object size, requests in flight per node,
 * length of each phase), per node its figures, expectation and verdicts, the cluster's aggregate, the nodes
 * that could not be loaded and what went wrong, and the hosts skipped because they run no node (accept with every
 * part: {@code bucket} is null when every host was skipped).
 */
public record S3Result(
        @JsonProperty("bucket") String bucket,
        @JsonProperty("object_bytes") long objectBytes,
        @JsonProperty("concurrency") int concurrency,
        @JsonProperty("seconds_per_phase") long secondsPerPhase,
        @JsonProperty("nodes") List<Node> nodes,
        @JsonProperty("aggregate") Aggregate aggregate,
        @JsonProperty("unmeasured") Map<String, String> unmeasured,
        @JsonProperty("problems") List<String> problems,
        @JsonProperty("skipped") Map<String, String> skipped) {

    public S3Result {
        nodes = List.copyOf(nodes);
        unmeasured = Map.copyOf(unmeasured);
        problems = List.copyOf(problems);
        skipped = Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
    }

    /** Every host loaded or named in {@code unmeasured}: none skipped. */
    public S3Result(String bucket, long objectBytes, int concurrency, long secondsPerPhase, List<Node> nodes, Aggregate aggregate,
                    Map<String, String> unmeasured, List<String> problems) {
        this(bucket, objectBytes, concurrency, secondsPerPhase, nodes, aggregate, unmeasured, problems, Map.of());
    }

    /**
     * One node: its figures, what its hardware should move (null where a figure is unknown) and the worst
     * finding of the S3 gates for each direction.
     */
    public record Node(
            @JsonUnwrapped S3Throughput figures,
            @JsonProperty("expected_put_mbps") Double expectedPutMbps,
            @JsonProperty("expected_get_mbps") Double expectedGetMbps,
            @JsonProperty("put_verdict") Severity putVerdict,
            @JsonProperty("get_verdict") Severity getVerdict) {
    }

    /** Every node together: throughput summed, latencies over every request of every node. */
    public record Aggregate(
            @JsonProperty("put_mbps") double putMbps,
            @JsonProperty("get_mbps") double getMbps,
            @JsonProperty("put_p50_ms") Double putP50Ms,
            @JsonProperty("put_p99_ms") Double putP99Ms,
            @JsonProperty("get_p50_ms") Double getP50Ms,
            @JsonProperty("get_p99_ms") Double getP99Ms,
            @JsonProperty("put_objects") long putObjects,
            @JsonProperty("get_objects") long getObjects) {
    }
}
