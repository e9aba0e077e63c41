package dev.aistorctl.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Properties of range expansion, each checked over a few hundred generated patterns. Generation is
 * seeded, so a failure names (in its description) a pattern that fails again on every run and can
 * be copied into {@link HostPatternTest}.
 */
class HostPatternPropertiesTest {
    private static final int TRIES = 400;
    private static final String LITERAL = "abcdefghijklmnopqrstuvwxyz0123456789.-";

    /** A numeric range as generated, with the values it must produce. */
    record Generated(String prefix, long low, long high, int width, String suffix) {
        String end(long n) {
            String digits = Long.toString(n);
            return width > digits.length() ? "0".repeat(width - digits.length()) + digits : digits;
        }

        String minio() {
            return prefix + "{" + end(low) + "..." + end(high) + "}" + suffix;
        }

        String ansible() {
            return prefix + "[" + end(low) + ":" + end(high) + "]" + suffix;
        }

        @Override
        public String toString() {
            return minio();
        }
    }

    static Stream<Generated> ranges() {
        Random random = new Random(20251125L);
        return IntStream.range(0, TRIES).mapToObj(i -> {
            long low = random.nextInt(4) == 0 ? random.nextInt(10) : random.nextInt(100_000);
            long high = low + random.nextInt(120);
            int natural = Long.toString(high).length();
            // A padded range writes both ends at one width, at least as wide as the high end.
            int width = random.nextBoolean() ? natural + random.nextInt(3) : 0;
            if (width > 0 && width == Long.toString(low).length() && width == natural && random.nextBoolean()) {
                width = natural + 1;
            }
            return new Generated(literal(random), low, high, width, literal(random));
        });
    }

    static Stream<List<Generated>> patternsOfSeveralRanges() {
        Random random = new Random(42L);
        return IntStream.range(0, TRIES / 4).mapToObj(i -> {
            List<Generated> parts = new ArrayList<>();
            int n = 1 + random.nextInt(3);
            for (int k = 0; k < n; k++) {
                long low = random.nextInt(50);
                parts.add(new Generated(literal(random), low, low + random.nextInt(6), random.nextBoolean() ? 3 : 0, ""));
            }
            return parts;
        });
    }

    @Test
    void countIsHighMinusLowPlusOneInBothNotations() {
        ranges().forEach(g -> {
            assertThat(HostPattern.expand(g.minio())).as(g.minio()).hasSize((int) (g.high() - g.low() + 1));
            assertThat(HostPattern.expand(g.ansible())).as(g.ansible()).hasSize((int) (g.high() - g.low() + 1));
        });
    }

    @Test
    void everyNameKeepsPrefixSuffixAndTheWrittenWidth() {
        ranges().forEach(g -> {
            List<String> names = HostPattern.expand(g.minio());

            for (int i = 0; i < names.size(); i++) {
                assertThat(names.get(i)).as(g.minio()).isEqualTo(g.prefix() + g.end(g.low() + i) + g.suffix());
            }
            if (g.width() > 0) {
                assertThat(names).as(g.minio())
                        .allSatisfy(n -> assertThat(n).hasSize(g.prefix().length() + g.width() + g.suffix().length()));
            }
        });
    }

    @Test
    void namesComeInAscendingNumericOrderWithoutRepeats() {
        ranges().forEach(g -> {
            List<Long> numbers = HostPattern.expand(g.minio()).stream()
                    .map(n -> Long.parseLong(n.substring(g.prefix().length(), n.length() - g.suffix().length())))
                    .toList();

            for (int i = 1; i < numbers.size(); i++) {
                assertThat(numbers.get(i)).as(g.minio()).isEqualTo(numbers.get(i - 1) + 1);
            }
            assertThat(numbers.get(0)).as(g.minio()).isEqualTo(g.low());
        });
    }

    @Test
    void convertingBetweenNotationsRoundTripsAndExpandsAlike() {
        ranges().forEach(g -> {
            assertThat(HostPattern.toAnsible(g.minio())).isEqualTo(g.ansible());
            assertThat(HostPattern.toMinio(HostPattern.toAnsible(g.minio()))).isEqualTo(g.minio());
            assertThat(HostPattern.expand(g.ansible())).as(g.ansible()).isEqualTo(HostPattern.expand(g.minio()));
        });
    }

    @Test
    void severalRangesGiveTheProductInLexicographicRangeOrder() {
        patternsOfSeveralRanges().forEach(HostPatternPropertiesTest::productInRangeOrder);
    }

    private static void productInRangeOrder(List<Generated> parts) {
        String minio = String.join("", parts.stream().map(Generated::minio).toList());
        String ansible = String.join("", parts.stream().map(Generated::ansible).toList());
        long product = parts.stream().mapToLong(g -> g.high() - g.low() + 1).reduce(1, (a, b) -> a * b);

        List<String> names = HostPattern.expand(minio);

        assertThat(names).as(minio).hasSize((int) product).doesNotHaveDuplicates();
        assertThat(names.get(0)).isEqualTo(String.join("", parts.stream().map(g -> g.prefix() + g.end(g.low())).toList()));
        assertThat(names.get(names.size() - 1)).isEqualTo(String.join("", parts.stream().map(g -> g.prefix() + g.end(g.high())).toList()));
        assertThat(HostPattern.expand(ansible)).isEqualTo(names);
        assertThat(HostPattern.ranges(minio)).hasSize(parts.size());
    }

    private static String literal(Random random) {
        StringBuilder out = new StringBuilder();
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            out.append(LITERAL.charAt(random.nextInt(LITERAL.length())));
        }
        return out.toString();
    }
}
