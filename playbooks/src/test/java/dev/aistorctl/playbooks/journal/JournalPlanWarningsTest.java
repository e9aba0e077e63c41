package dev.aistorctl.playbooks.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aistorctl.playbooks.Change;
import dev.aistorctl.playbooks.PlaybookStep;
import dev.aistorctl.playbooks.Redactor;
import dev.aistorctl.playbooks.StepPlan;
import dev.aistorctl.playbooks.drives.XfsDrives;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a plan leaves alone but warns of (an eligible drive left over) is in the journal's plan event, changes or none. */
class JournalPlanWarningsTest {
    @TempDir
    Path runs;

    @Test
    void aPlansWarningsAreJournaledWithIt() {
        String leftOver = "eligible drive /dev/sdd (serial ZX91, model HGST, 1.8 TiB) is beyond drives.count 2: left untouched";
        PlaybookStep step = new PlaybookStep(1, "data drives", new XfsDrives(Set.of()), "drives.yaml:3");
        try (Journal journal = Journal.create(runs, "20260101T000000Z-abcd", new Redactor())) {
            journal.planned("node1", step, StepPlan.nothingToDo(XfsDrives.TYPE, "node1", "all 2 data drives are ours")
                    .withWarnings(List.of(leftOver)));
            journal.planned("node2", step, StepPlan.changes(XfsDrives.TYPE, "node2", List.of(Change.of("mount /mnt/drive1", null, "mounted"))));
        }

        List<JsonNode> plans = new RunStore(runs).events("20260101T000000Z-abcd").stream()
                .filter(e -> e.path("event").asText().equals("plan")).toList();
        assertThat(plans).hasSize(2);
        assertThat(plans.get(0).path("warnings").toString()).isEqualTo("[\"" + leftOver + "\"]");
        assertThat(plans.get(1).has("warnings")).as("none to warn of: no key").isFalse();
    }
}
