package dev.aistorctl.inventory.ansible;

import java.util.Map;
import java.util.Optional;

/**
 * A host as the import carries it over: its Ansible name and where the file first names it ({@code at}), and its SSH
 * settings by inventory key ({@code address}, {@code user}, {@code port}, {@code identity_file},
 * {@code jump_host}); a key Ansible leaves unset is absent, so ssh_config and the defaults apply.
 */
public record ImportedHost(String name, AnsibleVar at, Map<String, AnsibleSetting> settings) {
    public ImportedHost {
        settings = Map.copyOf(settings);
    }

    public String where() {
        return at.where();
    }

    public Optional<AnsibleSetting> setting(String key) {
        return Optional.ofNullable(settings.get(key));
    }
}
