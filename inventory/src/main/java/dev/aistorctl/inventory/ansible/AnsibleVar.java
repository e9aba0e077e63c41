package dev.aistorctl.inventory.ansible;

import java.util.regex.Pattern;

/**
 * One variable as an Ansible inventory writes it, with where: a host's own, or a group's
 * ({@code [g:vars]}, {@code vars:}).
 *
 * @param value   the text of a plain value; null for a list or mapping
 * @param vaulted an {@code !vault} value: encrypted, never read
 * @param file    the file as the user named it
 * @param line    1-based line
 * @param column  1-based column, 0 when only the line is known
 */
public record AnsibleVar(String name, String value, boolean vaulted, String file, int line, int column) {
    /**
     * Names that hold a secret: Ansible's own ({@code ansible_password}, {@code ansible_ssh_pass},
     * {@code ansible_become_pass}) and a site's ({@code vault_db_password}, {@code api_token}). A key
     * file's path is not a secret; the key itself would be.
     */
    private static final Pattern SECRET = Pattern.compile("(?i).*(pass|secret|token|credential|pwd|api_?key|private_key(?!_file)).*");

    /** {@code hosts.ini:12} or {@code hosts.yml:12:7}. */
    public String where() {
        return file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "");
    }

    public boolean secret() {
        return vaulted || SECRET.matcher(name).matches();
    }

    /** True for a value Ansible would render as a Jinja2 template at run time: only Ansible can evaluate it. */
    public boolean templated() {
        return value != null && (value.contains("{{") || value.contains("{%"));
    }
}
