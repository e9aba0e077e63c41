package dev.aistorctl.inventory.ansible;

import java.util.List;

/**
 * Something in the Ansible inventory the import does not carry over, where it is written, and the
 * hosts it concerns. The message never holds a secret's value.
 */
public record AnsibleWarning(String where, String message, List<String> hosts) {
    public AnsibleWarning {
        hosts = List.copyOf(hosts);
    }
}
