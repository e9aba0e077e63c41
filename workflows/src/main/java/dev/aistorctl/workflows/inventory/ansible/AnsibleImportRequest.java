package dev.aistorctl.workflows.inventory.ansible;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code inventory import ansible} is asked to do.
 *
 * @param file             the Ansible inventory (INI or YAML)
 * @param groups           the Ansible groups that become the pools, one each; every host in one pool when empty
 * @param out              the inventory to write; printed when empty
 * @param force            replace {@code out} when it exists
 * @param workingDirectory where Ansible would run: its relative key paths are relative to it
 */
public record AnsibleImportRequest(Path file, List<String> groups, Optional<Path> out, boolean force, Path workingDirectory) {
    public AnsibleImportRequest {
        groups = List.copyOf(groups);
    }
}
