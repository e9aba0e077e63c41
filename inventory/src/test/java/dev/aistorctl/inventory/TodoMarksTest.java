package dev.aistorctl.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.core.config.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A value left TODO (as inventory init writes them) stops the load at its own line and column. */
class TodoMarksTest {

    private static List<Problem> problems(String text) {
        try {
            Inventories.parse(text);
        } catch (InvalidInventoryException e) {
            return e.problems();
        }
        throw new AssertionError("loaded: " + text);
    }

    @Test
    void aTodoThatWouldPassTheSchemaStillFailsAtItsPositionWithTheCommentAsHint() {
        // root_user: TODO is a valid user name and env: TODO a valid variable: without the mark check both load
        List<Problem> found = problems(Inventories.MINIMAL
                .replace("root_user: admin", "# TODO: MinIO's root user\n  root_user: TODO")
                .replace("{env: AISTOR_ROOT_PASSWORD}", "{env: TODO}  # TODO: the variable holding it"));

        assertThat(found).extracting(Problem::location).containsExactly("site/inv.yaml:7:14", "site/inv.yaml:8:24");
        assertThat(found.get(0).message()).isEqualTo("node.root_user is still TODO: a choice left for you (inventory init and import mark them)");
        assertThat(found.get(0).hint()).isEqualTo("MinIO's root user");
        assertThat(found.get(1).message()).startsWith("node.root_password.env is still TODO");
        assertThat(found.get(1).hint()).isEqualTo("the variable holding it");
    }

    @Test
    void theSchemaComplaintAboutATodoLineIsDroppedAndOtherProblemsStay() {
        List<Problem> found = problems(Inventories.MINIMAL
                .replace("cluster: {name: t}", "cluster:\n  name: TODO")
                .replace("count: 4,", "count: TODO,")
                .replace("ssh: {user: ubuntu}", "ssh: {user: ubuntu, port: 0}"));

        assertThat(found).extracting(Problem::location)
                .containsExactly("site/inv.yaml:3:9", "site/inv.yaml:4:27", "site/inv.yaml:12:21");
        assertThat(found.get(0).message()).startsWith("cluster.name is still TODO");
        assertThat(found.get(1).message()).contains("port");
        assertThat(found.get(2).message()).startsWith("pools[0].drives.count is still TODO");
    }

    @Test
    void aTodoPasswordLineIsNeverQuotedAndTheWordInsideTextIsNoMark() {
        List<Problem> found = problems(Inventories.MINIMAL.replace("root_password: {env: AISTOR_ROOT_PASSWORD}", "root_password: TODO"));
        assertThat(found).hasSize(1);
        assertThat(found.get(0).offendingText()).doesNotContain("TODO");

        assertThat(Inventories.parse(Inventories.MINIMAL.replace("root_user: admin", "root_user: TODO-admin")).node().rootUser())
                .isEqualTo("TODO-admin");
        assertThat(Inventories.parse(Inventories.MINIMAL.replace("root_user: admin", "root_user: todo")).node().rootUser())
                .isEqualTo("todo");
    }
}
