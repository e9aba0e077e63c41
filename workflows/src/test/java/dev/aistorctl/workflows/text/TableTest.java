package dev.aistorctl.workflows.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void padsColumnsToTheWidestCellIgnoringColourCodes() {
        String text = new Table("HOST", "STATE").row("node01", "\u001B[32mok\u001B[0m").row("n2", null).render();
        assertThat(text).isEqualTo("HOST    STATE\nnode01  \u001B[32mok\u001B[0m\nn2      -\n");
    }

    @Test
    void refusesRowsOfTheWrongWidth() {
        assertThatThrownBy(() -> new Table("A", "B").row("x")).hasMessageContaining("1 cells");
    }
}
