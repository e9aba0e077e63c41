package dev.aistorctl.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostPatternTest {

    @Test
    void minioNotationKeepsLeadingZeros() {
        assertThat(HostPattern.expand("node{01...03}.dc1")).containsExactly("node01.dc1", "node02.dc1", "node03.dc1");
    }

    @Test
    void ansibleNotationKeepsLeadingZeros() {
        assertThat(HostPattern.expand("node[08:10]")).containsExactly("node08", "node09", "node10");
    }

    @Test
    void unpaddedRangesGrowInWidthNaturally() {
        assertThat(HostPattern.expand("n{9...11}")).containsExactly("n9", "n10", "n11");
    }

    @Test
    void lettersExpandInBothNotations() {
        assertThat(HostPattern.expand("rack[a:c]")).containsExactly("racka", "rackb", "rackc");
        assertThat(HostPattern.expand("rack{A...B}")).containsExactly("rackA", "rackB");
    }

    @Test
    void severalRangesMultiplyWithTheLeftmostSlowest() {
        assertThat(HostPattern.expand("r{1...2}n[1:2]")).containsExactly("r1n1", "r1n2", "r2n1", "r2n2");
    }

    @Test
    void aPatternWithoutRangesIsItself() {
        assertThat(HostPattern.expand("node01.example.net")).containsExactly("node01.example.net");
        assertThat(HostPattern.expand("2001:db8::1")).containsExactly("2001:db8::1");
    }

    @Test
    void aSingleElementRangeIsAllowed() {
        assertThat(HostPattern.expand("n{5...5}")).containsExactly("n5");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "node{01..08}   | malformed range '{01..08}'       | three dots: {01...08} | 4",
        "node{1-8}      | malformed range '{1-8}'          | {01...08}             | 4",
        "node[1:8:2]    | malformed range '[1:8:2]'        | steps                 | 4",
        "node{8...1}    | range '{8...1}' is reversed      | {1...8}               | 4",
        "node[z:a]      | range '[z:a]' is reversed        | [a:z]                 | 4",
        "node{...}      | range '{...}' is empty           | both ends             | 4",
        "node[]         | range '[]' is empty              | both ends             | 4",
        "node{1...010}  | mixes widths (1 and 3 digits)    | {001...010}           | 4",
        "node[001:10]   | mixes widths (3 and 2 digits)    | [001:010]             | 4",
        "node{1...8     | is never closed                  | close it              | 4",
        "node1...8}     | '}' closes no range              | {01...08}             | 9",
        "node[1:a]      | mixes numbers and letters        | both ends             | 4",
    })
    void malformedRangesSayWhatAndWhereAndHowToWriteThem(String pattern, String message, String hint, int index) {
        HostPatternException e = catchThrowableOfType(HostPatternException.class, () -> HostPattern.expand(pattern));

        assertThat(e.getMessage()).contains(message);
        assertThat(e.hint()).contains(hint);
        assertThat(e.index()).isEqualTo(index);
    }

    @Test
    void expansionIsCapped() {
        assertThatThrownBy(() -> HostPattern.expand("n{1...100}m{1...101}")).isInstanceOf(HostPatternException.class)
                .hasMessageContaining("more than 10000");
        assertThat(HostPattern.expand("n{1...100}m{1...100}")).hasSize(10_000);
    }

    @Test
    void notationsConvertBothWays() {
        assertThat(HostPattern.toAnsible("node{01...08}.dc{1...2}")).isEqualTo("node[01:08].dc[1:2]");
        assertThat(HostPattern.toMinio("node[01:08].dc[1:2]")).isEqualTo("node{01...08}.dc{1...2}");
    }
}
