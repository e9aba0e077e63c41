package dev.aistorctl.playbooks;

import java.util.List;

/**
 * An ordered list of steps, run in order on every host.
 *
 * @param source where it came from: {@code builtin:tune} or the file's path
 */
public record Playbook(String name, String description, String source, List<PlaybookStep> steps) {
    public Playbook {
        steps = List.copyOf(steps);
    }
}
