package dev.aistorctl.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GlobTest {

    @Test
    void starAndQuestionMark() {
        assertThat(Glob.of("Micron_7500*").matches("Micron_7500_MTFDKCC15T3TGP")).isTrue();
        assertThat(Glob.of("node0?").matches("node01")).isTrue();
        assertThat(Glob.of("node0?").matches("node010")).isFalse();
    }

    @Test
    void characterClassesListsRangesAndNegation() {
        assertThat(Glob.of("node0[12]*").matches("node01.dc1")).isTrue();
        assertThat(Glob.of("node0[12]*").matches("node03.dc1")).isFalse();
        assertThat(Glob.of("node0[1-4]").matches("node04")).isTrue();
        assertThat(Glob.of("node0[!1]").matches("node01")).isFalse();
        assertThat(Glob.of("node0[!1]").matches("node02")).isTrue();
    }

    @Test
    void regexSyntaxIsLiteral() {
        assertThat(Glob.of("a.b").matches("axb")).isFalse();
        assertThat(Glob.of("a[").matches("a[")).isTrue();
        assertThat(Glob.of("x[\\]").matches("x\\")).isTrue();
    }

    @Test
    void modelGlobsIgnoreCaseAndSurroundingBlanks() {
        assertThat(Glob.anyMatchesIgnoringCase(java.util.List.of("x*", "micron_7500*"), "  Micron_7500_MTFDKCC15T3TGP ")).isTrue();
        assertThat(Glob.anyMatchesIgnoringCase(java.util.List.of("Samsung*"), "Micron_7500")).isFalse();
        assertThat(Glob.anyMatchesIgnoringCase(java.util.List.of("*"), null)).isFalse();
        assertThat(Glob.of("a*b").matches("a\nb")).as("a star spans line breaks").isTrue();
    }
}
