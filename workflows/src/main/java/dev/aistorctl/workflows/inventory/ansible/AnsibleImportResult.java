package dev.aistorctl.workflows.inventory.ansible;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.aistorctl.inventory.ansible.AnsibleWarning;
import dev.aistorctl.inventory.ansible.ImportedHost;
import dev.aistorctl.workflows.inventory.init.TodoMark;

/**
 * What the import wrote.
 *
 * @param text     the inventory
 * @param pools    pool name to its hosts, in file order
 * @param leftOut  hosts not reached over SSH, with why
 * @param warnings what the Ansible inventory says that the inventory does not carry over
 * @param todos    the choices left to a person, where they stand in {@code text}
 * @param written  whether {@code out} was written
 */
public record AnsibleImportResult(String text, Map<String, List<ImportedHost>> pools, Map<String, String> leftOut,
                                  List<AnsibleWarning> warnings, List<TodoMark> todos, Optional<java.nio.file.Path> written) {
}
