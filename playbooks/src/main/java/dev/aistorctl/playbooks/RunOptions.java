package dev.aistorctl.playbooks;

import dev.aistorctl.core.UsageException;

/**
 * How a run proceeds over its hosts.
 *
 * @param dryRun            check and plan every step, print the plans, apply nothing
 * @param parallel          at most this many hosts at once (within a batch)
 * @param serial            rolling batches
 * @param maxFailPercentage stop starting hosts once more than this percentage of the run's hosts failed;
 *                          100 never stops
 * @param allowDestructive  apply plans with destructive changes (formatting); without it such a step fails
 *                          before touching anything
 */
public record RunOptions(boolean dryRun, int parallel, Serial serial, int maxFailPercentage, boolean allowDestructive) {
    public RunOptions {
        if (parallel < 1) {
            throw new UsageException("--parallel must be at least 1, was " + parallel);
        }
        if (maxFailPercentage < 0 || maxFailPercentage > 100) {
            throw new UsageException("--max-fail-percentage must be from 0 to 100, was " + maxFailPercentage);
        }
        serial = serial == null ? Serial.ALL : serial;
    }

    public static RunOptions defaults(int hosts) {
        return new RunOptions(false, Math.max(1, Math.min(hosts, 256)), Serial.ALL, 100, false);
    }

    public RunOptions withDryRun(boolean dry) {
        return new RunOptions(dry, parallel, serial, maxFailPercentage, allowDestructive);
    }

    public RunOptions withSerial(Serial s) {
        return new RunOptions(dryRun, parallel, s, maxFailPercentage, allowDestructive);
    }

    public RunOptions withParallel(int p) {
        return new RunOptions(dryRun, p, serial, maxFailPercentage, allowDestructive);
    }

    public RunOptions withMaxFailPercentage(int p) {
        return new RunOptions(dryRun, parallel, serial, p, allowDestructive);
    }

    public RunOptions withAllowDestructive(boolean a) {
        return new RunOptions(dryRun, parallel, serial, maxFailPercentage, a);
    }
}
