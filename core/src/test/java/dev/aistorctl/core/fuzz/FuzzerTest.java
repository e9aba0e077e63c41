package dev.aistorctl.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.core.InvalidConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fuzzer itself catches each kind of broken property, and a seed repeats a run. */
class FuzzerTest {
    private static final List<byte[]> CORPUS = List.of("name: a\nsize: 12\n".getBytes(StandardCharsets.UTF_8));

    private static Fuzzer fuzzer(String name) {
        return new Fuzzer(name, t -> t instanceof InvalidConfigException, List.of(), 4096, Duration.ofMillis(300), 7);
    }

    @Test
    void documentedRefusalsPassAndAreCounted() {
        Fuzzer.Result r = fuzzer("self-ok").run(CORPUS, in -> {
            if (in.length % 2 == 0) {
                throw new InvalidConfigException("refused");
            }
        });
        assertThat(r.inputs()).isGreaterThan(Fuzzer.MIN_MUTANTS);
        assertThat(r.refused()).isBetween(1L, r.inputs() - 1);
    }

    @Test
    void anUndocumentedExceptionFailsAndTheInputIsSaved() throws Exception {
        assertThatThrownBy(() -> fuzzer("self-npe").run(CORPUS, in -> {
            if (new String(in, StandardCharsets.ISO_8859_1).indexOf(':') < 0 || in.length < 10) {
                throw new NullPointerException("boom");
            }
        })).isInstanceOf(AssertionError.class).hasMessageContaining("self-npe: input").hasMessageContaining("seed 7")
                .hasMessageContaining("threw java.lang.NullPointerException: boom").hasMessageContaining("fixtures/fuzz/self-npe/");
        List<Path> saved = Fuzzer.files(Fuzzer.CRASHERS.resolve("self-npe"));
        assertThat(saved).isNotEmpty();
        String text = new String(Files.readAllBytes(saved.get(0)), StandardCharsets.ISO_8859_1);
        assertThat(text.indexOf(':') < 0 || text.length() < 10).isTrue();
    }

    @Test
    void anInputThatHangsFailsWithinThePerInputBound() {
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> fuzzer("self-hang").run(CORPUS, in -> {
            while (in.length > 0) {
                Thread.onSpinWait();
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
        })).hasMessageContaining("ran longer than 2 s and had not finished 20 s later");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void anInputThatIsAlwaysSlowFailsAfterItsSecondTry() {
        assertThatThrownBy(() -> fuzzer("self-slow").run(CORPUS, in -> Thread.sleep(2300)))
                .hasMessageContaining("ran longer than 2 s, twice");
    }

    @Test
    void anInputThatAllocatesWithoutBoundFails() {
        Fuzzer small = new Fuzzer("self-memory", t -> false, List.of(), 4096, Duration.ofMillis(300), 7, 16L << 20);
        assertThatThrownBy(() -> small.run(CORPUS, in -> {
            for (int i = 0; i < 20; i++) {
                byte[] chunk = new byte[1 << 20];
                chunk[i] = 1;
            }
        })).hasMessageContaining("allocated").hasMessageContaining("bound 16 MiB");
    }

    @Test
    void aBudgetSpentBeforeAnyMutantStillTriesTheMinimumOfMutants() {
        Fuzzer spent = new Fuzzer("self-spent", t -> false, List.of(), 4096, Duration.ZERO, 7);
        assertThat(spent.run(CORPUS, in -> { }).inputs()).isEqualTo(CORPUS.size() + Fuzzer.MIN_MUTANTS);
    }

    @Test
    void theSameSeedMakesTheSameInputs() {
        Mutator a = new Mutator(new Random(42), CORPUS, List.of("size"), 4096);
        Mutator b = new Mutator(new Random(42), CORPUS, List.of("size"), 4096);
        for (int i = 0; i < 200; i++) {
            assertThat(a.next()).isEqualTo(b.next());
        }
    }
}
