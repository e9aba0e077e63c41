package dev.aistorctl.workflows.provision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.aistorctl.core.FanoutListener;
import dev.aistorctl.core.HostOutcome;
import dev.aistorctl.core.Json;
import dev.aistorctl.playbooks.RunResult;
import org.junit.jupiter.api.Test;

class ProvisionStagesTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    /** A clock that moves one second each time it is read, so that every recorded instant is distinct and predictable. */
    private static final class Ticking extends Clock {
        private Instant now = T0;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            Instant t = now;
            now = now.plusSeconds(1);
            return t;
        }
    }

    private static String at(int seconds) {
        return T0.plusSeconds(seconds).toString();
    }

    @Test
    void aStageRecordsItsSpanEachHostsSpanAndTheRunsItMade() {
        ArrayNode top = Json.mapper().createArrayNode();
        ProvisionStages stages = new ProvisionStages(top, new Ticking());

        ProvisionStages.Stage facts = stages.begin("facts");
        FanoutListener hosts = facts.hosts(FanoutListener.NONE);
        hosts.started("node1");
        hosts.started("node2");
        hosts.finished(HostOutcome.failed("node2", "unreachable", null, Duration.ZERO));
        hosts.finished(HostOutcome.succeeded("node1", "x", Duration.ZERO));
        facts.runs(List.of(new RunResult("20261201T100000Z-ab12", "drives", true, T0, Duration.ZERO, List.of(), null)));
        facts.end();

        JsonNode f = top.get(0);
        assertThat(f.get("stage").asText()).isEqualTo("facts");
        assertThat(f.get("started").asText()).isEqualTo(at(0));
        assertThat(f.get("finished").asText()).isEqualTo(at(5));
        assertThat(f.get("runs")).extracting(JsonNode::asText).containsExactly("20261201T100000Z-ab12");
        JsonNode node1 = f.get("hosts").get(0);
        JsonNode node2 = f.get("hosts").get(1);
        assertThat(node1.get("host").asText()).isEqualTo("node1");
        assertThat(node1.get("started").asText()).isEqualTo(at(1));
        assertThat(node1.get("finished").asText()).isEqualTo(at(4));
        assertThat(node1.get("ok").asBoolean()).isTrue();
        assertThat(node2.get("started").asText()).isEqualTo(at(2));
        assertThat(node2.get("finished").asText()).isEqualTo(at(3));
        assertThat(node2.get("ok").asBoolean()).isFalse();
    }

    @Test
    void aStageBegunInsideAnotherIsRecordedInsideItAndEndingTheOuterEndsIt() {
        ArrayNode top = Json.mapper().createArrayNode();
        ProvisionStages stages = new ProvisionStages(top, new Ticking());

        ProvisionStages.Stage apply = stages.begin("apply");
        stages.begin("preflight").end();
        stages.begin("health");
        apply.end();
        stages.begin("proof");

        assertThat(top).extracting(s -> s.get("stage").asText()).containsExactly("apply", "proof");
        JsonNode inner = top.get(0).get("stages");
        assertThat(inner).extracting(s -> s.get("stage").asText()).containsExactly("preflight", "health");
        assertThat(inner.get(1).get("finished").asText()).as("health ended with apply").isEqualTo(top.get(0).get("finished").asText());
        assertThat(top.get(1).get("finished").isNull()).isTrue();

        Instant stopped = T0.plusSeconds(60);
        stages.endAll(stopped);
        assertThat(top.get(1).get("finished").asText()).as("a stage the provision stopped in").isEqualTo(stopped.toString());
    }

    @Test
    void theDocumentHoldsTheStagesAndNamesTheDriveOwnersRun() {
        ProvisionDocument document = new ProvisionDocument("20261201T100000Z-ab12", "test", T0);
        document.stage("facts");
        document.finish("failed", List.of(), T0.plusSeconds(9));
        JsonNode json = document.redacted(new dev.aistorctl.playbooks.Redactor());

        assertThat(json.get("runs").has("drive_owners")).isTrue();
        assertThat(json.get("stages").get(0).get("stage").asText()).isEqualTo("facts");
        assertThat(json.get("stages").get(0).get("finished").asText()).isEqualTo(T0.plusSeconds(9).toString());
    }
}
