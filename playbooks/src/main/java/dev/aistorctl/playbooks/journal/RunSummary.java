package dev.aistorctl.playbooks.journal;

import java.time.Duration;
import java.time.Instant;

/**
 * One line of {@code runs list}: read from a journal's first and last events.
 *
 * @param finished false when the journal has no run end (the controller died, or the run is still going)
 * @param duration null when not finished
 */
public record RunSummary(String runId, Instant started, String playbook, int hosts, long ok, long changed,
                         long failed, Duration duration, boolean dryRun, boolean finished) {
}
