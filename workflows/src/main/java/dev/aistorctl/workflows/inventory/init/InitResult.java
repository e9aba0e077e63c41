package dev.aistorctl.workflows.inventory.init;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code inventory init} found and wrote.
 *
 * @param surveys every host asked, reachable or not, in the order given
 * @param groups  the pools written, one per hardware group
 * @param text    the inventory text; empty when no host answered
 * @param written the file written; empty when nothing was (no host answered)
 */
public record InitResult(List<HostSurvey> surveys, List<HardwareGroup> groups, Optional<String> text, List<TodoMark> todos,
                         Optional<Path> written) {
    public InitResult {
        surveys = List.copyOf(surveys);
        groups = List.copyOf(groups);
        todos = List.copyOf(todos);
    }

    public List<HostSurvey> unreachable() {
        return surveys.stream().filter(s -> !s.reachable()).toList();
    }
}
