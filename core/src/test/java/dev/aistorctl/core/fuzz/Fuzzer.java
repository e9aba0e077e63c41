package dev.aistorctl.core.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A time-boxed mutation fuzzer for one reader: every input must either be read or be refused with one of
 * the project's own errors (the target says which), within {@link #PER_INPUT} and allocating at most
 * {@link #MAX_ALLOCATED_BYTES}. The first input that breaks this is saved (see {@link #CRASHERS}) and fails
 * the test with the seed that reproduces the run.
 *
 * <p>The budget and the seed come from {@code -Daistorctl.fuzz.seconds} (per target; default
 * {@link #DEFAULT_SECONDS}) and {@code -Daistorctl.fuzz.seed} (default {@link #DEFAULT_SEED}, so a build is
 * repeatable; a longer hunt passes its own).
 */
public final class Fuzzer {
    public static final String SECONDS_PROPERTY = "aistorctl.fuzz.seconds";
    public static final String SEED_PROPERTY = "aistorctl.fuzz.seed";
    public static final double DEFAULT_SECONDS = 6;
    public static final long DEFAULT_SEED = 20261205L;
    /** Longer than any valid file takes by orders of magnitude, and the bound the inventory bombs are held to. */
    public static final Duration PER_INPUT = Duration.ofSeconds(2);
    public static final long MAX_ALLOCATED_BYTES = 256L << 20;
    /** Where a failing input is written, relative to the module the test runs in. */
    public static final Path CRASHERS = Paths.get("target", "fuzz-crashers");

    /** Reads one input: returns when it was accepted, throws when refused. */
    @FunctionalInterface
    public interface Target {
        void accept(byte[] input) throws Exception;
    }

    /** What a run did: how many inputs, how many of them were refused (with a documented error), how long. */
    public record Result(String target, long seed, long inputs, long refused, Duration took) {
        @Override
        public String toString() {
            return String.format("%s: %d inputs (%d refused with a documented error) in %.1f s, seed %d",
                    target, inputs, refused, took.toMillis() / 1000.0, seed);
        }
    }

    private final String name;
    private final Predicate<Throwable> documented;
    private final long seed;
    private final Duration budget;
    private final List<String> tokens;
    private final int maxBytes;
    private final long maxAllocated;
    private ExecutorService worker = newWorker();

    /**
     * @param name       the target, as the crasher folder names it ({@code inventory}, {@code nvme-list})
     * @param documented which thrown errors count as a clear refusal (and checks their form)
     */
    public Fuzzer(String name, Predicate<Throwable> documented, List<String> tokens, int maxBytes, Duration budget, long seed) {
        this(name, documented, tokens, maxBytes, budget, seed, MAX_ALLOCATED_BYTES);
    }

    Fuzzer(String name, Predicate<Throwable> documented, List<String> tokens, int maxBytes, Duration budget, long seed,
           long maxAllocated) {
        this.maxAllocated = maxAllocated;
        this.name = name;
        this.documented = documented;
        this.tokens = List.copyOf(tokens);
        this.maxBytes = maxBytes;
        this.budget = budget;
        this.seed = seed;
    }

    /** A fuzzer whose budget and seed come from the system properties, with {@code share} of the budget (for a target of several readers). */
    public static Fuzzer configured(String name, Predicate<Throwable> documented, List<String> tokens, double share) {
        double seconds = Double.parseDouble(System.getProperty(SECONDS_PROPERTY, Double.toString(DEFAULT_SECONDS)));
        long seed = Long.parseLong(System.getProperty(SEED_PROPERTY, Long.toString(DEFAULT_SEED)));
        return new Fuzzer(name, documented, tokens, 256 * 1024, Duration.ofMillis((long) (seconds * share * 1000)), seed);
    }

    /**
     * Mutants every run makes whatever the budget: on a machine busy with other work the seeds alone can spend the
     * budget, and a run that tried no mutant would prove nothing, so a test's "more inputs than seeds" does not
     * depend on the machine's load.
     */
    static final int MIN_MUTANTS = 100;

    /** Every seed as it is, then mutants until the budget is spent, and at least {@link #MIN_MUTANTS} of them. */
    public Result run(List<byte[]> corpus, Target target) {
        long t0 = System.nanoTime();
        long deadline = t0 + budget.toNanos();
        Mutator mutator = new Mutator(new Random(seed), corpus, tokens, maxBytes);
        long inputs = 0;
        long refused = 0;
        try {
            for (byte[] seedInput : corpus) {
                refused += check(seedInput, target, "seed input " + inputs++) ? 1 : 0;
            }
            for (long mutants = 0; mutants < MIN_MUTANTS || System.nanoTime() < deadline; mutants++) {
                byte[] input = mutator.next();
                refused += check(input, target, "input " + inputs++) ? 1 : 0;
            }
        } finally {
            worker.shutdownNow();
        }
        return new Result(name, seed, inputs, refused, Duration.ofNanos(System.nanoTime() - t0));
    }

    /** Every file under {@code dir} (kept crashers) must hold the property; the number of files replayed. */
    public int replay(Path dir, Target target) {
        List<Path> files = files(dir);
        try {
            for (Path f : files) {
                try {
                    check(Files.readAllBytes(f), target, "kept input " + f.getFileName());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        } finally {
            worker.shutdownNow();
        }
        return files.size();
    }

    /** @return whether the input was refused with a documented error; throws AssertionError when the property breaks */
    private boolean check(byte[] input, Target target, String which) {
        Outcome outcome;
        try {
            outcome = timed(input, target);
            if (outcome == null) {
                // A machine shared with other builds can stall a thread for a while (GC, class loading, a busy CPU):
                // an input that does finish is timed once more, and only a second overrun counts.
                outcome = timed(input, target);
            }
        } catch (TimeoutException e) {
            throw fail(input, which, "ran longer than " + PER_INPUT.toSeconds() + " s and had not finished "
                    + HANG.toSeconds() + " s later", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            throw fail(input, which, "the fuzzer's worker failed", e.getCause());
        }
        if (outcome == null) {
            throw fail(input, which, "ran longer than " + PER_INPUT.toSeconds() + " s, twice", null);
        }
        if (outcome.allocated > maxAllocated) {
            throw fail(input, which, "allocated " + (outcome.allocated >> 20) + " MiB (bound " + (maxAllocated >> 20) + " MiB)", null);
        }
        if (outcome.thrown == null) {
            return false;
        }
        if (outcome.thrown instanceof AssertionError a) {
            throw fail(input, which, "a documented error of the wrong form: " + a.getMessage(), a);
        }
        if (!documented.test(outcome.thrown)) {
            throw fail(input, which, "threw " + outcome.thrown, outcome.thrown);
        }
        return true;
    }

    private record Outcome(Throwable thrown, long allocated) {
    }

    /** How long an input that overran is waited for before it counts as a hang. */
    private static final Duration HANG = Duration.ofSeconds(20);

    /**
     * @return the outcome within {@link #PER_INPUT}, or null when the input took longer but finished within {@link #HANG}
     * @throws TimeoutException when it did not finish at all (the worker is abandoned)
     */
    private Outcome timed(byte[] input, Target target) throws InterruptedException, ExecutionException, TimeoutException {
        Future<Outcome> f = worker.submit(() -> attempt(input, target));
        try {
            return f.get(PER_INPUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException slow) {
            try {
                f.get(HANG.toMillis(), TimeUnit.MILLISECONDS);
                return null;
            } catch (TimeoutException hang) {
                f.cancel(true);
                worker.shutdownNow();
                worker = newWorker();
                throw hang;
            }
        }
    }

    private static Outcome attempt(byte[] input, Target target) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        Throwable thrown = null;
        try {
            target.accept(input);
        } catch (Throwable t) {
            thrown = t;
        }
        return new Outcome(thrown, threads.getCurrentThreadAllocatedBytes() - before);
    }

    private AssertionError fail(byte[] input, String which, String what, Throwable cause) {
        Path saved = CRASHERS.resolve(name).resolve(sha256(input).substring(0, 16));
        try {
            Files.createDirectories(saved.getParent());
            Files.write(saved, input);
        } catch (IOException e) {
            saved = Paths.get("(not saved: " + e.getMessage() + ")");
        }
        return new AssertionError(name + ": " + which + " (seed " + seed + ") " + what + "; the input is saved as "
                + saved.toAbsolutePath() + ": once fixed, keep it under fixtures/fuzz/" + name + "/", cause);
    }

    /** Regular files under {@code dir}, sorted; none when it does not exist. */
    public static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The contents of every regular file under the given folders, as seeds. */
    public static List<byte[]> corpus(Path... dirs) {
        List<byte[]> out = new ArrayList<>();
        for (Path dir : dirs) {
            for (Path f : files(dir)) {
                try {
                    out.add(Files.readAllBytes(f));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return out;
    }

    /** The kept crashers of a target: {@code fixtures/fuzz/NAME} of the source tree. */
    public static Path kept(String name) {
        String fixtures = Optional.ofNullable(System.getProperty("aistorctl.fixtures"))
                .orElseThrow(() -> new AssertionError("system property aistorctl.fixtures (set by the Maven build) is missing"));
        return Paths.get(fixtures, "fuzz", name);
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-target");
            t.setDaemon(true);
            return t;
        });
    }

    private static String sha256(byte[] input) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(input));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
