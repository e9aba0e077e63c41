package dev.aistorctl.workflows.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class HostRangeTest {

    @Test
    void consecutiveHostsAreOneRangeInTheInventorysNotation() {
        assertThat(HostRange.of(List.of("node01", "node02", "node03", "node04", "node05", "node06", "node07", "node08")))
                .isEqualTo("node{01...08}");
    }

    @Test
    void aGapSplitsTheRangeAndOddNamesStayAsTheyAre() {
        assertThat(HostRange.of(List.of("node01", "node02", "node03", "node05", "db1"))).isEqualTo("node{01...03},node05,db1");
    }

    @Test
    void oneHostIsItsName() {
        assertThat(HostRange.of(List.of("node7"))).isEqualTo("node7");
    }
}
