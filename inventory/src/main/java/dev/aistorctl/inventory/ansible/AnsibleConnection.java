package dev.aistorctl.inventory.ansible;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps the connection variables Ansible resolves for each host onto the inventory's per-host SSH
 * settings: {@code ansible_host}, {@code ansible_user}, {@code ansible_port},
 * {@code ansible_ssh_private_key_file} (and their older {@code ansible_ssh_*} spellings), and a
 * jump host from {@code -J}, {@code -o ProxyJump=} or a plain {@code ProxyCommand="ssh -W %h:%p
 * bastion"} in {@code ansible_ssh_common_args}/{@code ansible_ssh_extra_args}. Every other
 * {@code ansible_*} variable is a warning at its place; a password or vaulted value is named, never
 * copied. A host Ansible does not reach over SSH ({@code ansible_connection=local}) is left out.
 */
public final class AnsibleConnection {
    private static final Set<String> SSH_CONNECTIONS = Set.of("ssh", "smart", "paramiko", "paramiko_ssh", "ansible.builtin.ssh",
            "ansible.legacy.ssh", "ansible.builtin.paramiko_ssh");
    /** Read without effect: how Ansible orders groups, and become as aistorctl does it (sudo to root). */
    private static final Set<String> UNDERSTOOD = Set.of("ansible_group_priority", "ansible_connection", "ansible_ssh_common_args",
            "ansible_ssh_extra_args");

    /**
     * @param hosts     the hosts imported, each with where the file names it
     * @param warnings  what is not carried over, once per place it is written
     * @param leftOut   hosts not reached over SSH, with why
     */
    public record Mapped(List<ImportedHost> hosts, List<AnsibleWarning> warnings, Map<String, String> leftOut) {
    }

    private final Path workingDirectory;
    private final Map<String, AnsibleWarning> warnings = new LinkedHashMap<>();
    /** Where each warning is written, to list them in file order. */
    private final Map<AnsibleWarning, AnsibleVar> places = new HashMap<>();

    private AnsibleConnection(Path workingDirectory) {
        this.workingDirectory = workingDirectory;
    }

    /**
     * @param workingDirectory where Ansible would run: a relative key path is relative to it, as Ansible's ssh does
     */
    public static Mapped map(AnsibleInventory inventory, List<String> hosts, Path workingDirectory) {
        AnsibleConnection c = new AnsibleConnection(workingDirectory);
        List<ImportedHost> out = new ArrayList<>();
        Map<String, String> leftOut = new LinkedHashMap<>();
        for (String host : hosts) {
            Map<String, AnsibleVar> vars = inventory.varsOf(host);
            AnsibleVar connection = vars.get("ansible_connection");
            if (connection != null && connection.value() != null && !SSH_CONNECTIONS.contains(connection.value().strip())) {
                leftOut.put(host, "ansible_connection=" + connection.value().strip() + " (" + connection.where()
                        + "): not reached over SSH");
                continue;
            }
            out.add(new ImportedHost(host, inventory.firstSeen(host), c.settings(host, vars)));
        }
        List<AnsibleWarning> warnings = new ArrayList<>(c.warnings.values());
        warnings.sort(Comparator.comparing((AnsibleWarning w) -> c.places.get(w).file())
                .thenComparingInt(w -> c.places.get(w).line()).thenComparingInt(w -> c.places.get(w).column()));
        return new Mapped(out, List.copyOf(warnings), leftOut);
    }

    private Map<String, AnsibleSetting> settings(String host, Map<String, AnsibleVar> vars) {
        Map<String, AnsibleSetting> s = new LinkedHashMap<>();
        first(vars, "ansible_host", "ansible_ssh_host").filter(v -> !host.equals(v.value())).ifPresent(v -> s.put("address", plain(v, "address")));
        first(vars, "ansible_user", "ansible_ssh_user").ifPresent(v -> s.put("user", plain(v, "user")));
        first(vars, "ansible_port", "ansible_ssh_port").ifPresent(v -> s.put("port", plain(v, "port")));
        first(vars, "ansible_ssh_private_key_file", "ansible_private_key_file").ifPresent(v -> s.put("identity_file", keyPath(v)));
        jump(host, vars).ifPresent(j -> s.put("jump_host", j));
        for (AnsibleVar v : vars.values()) {
            if (!v.name().startsWith("ansible_") || UNDERSTOOD.contains(v.name()) || mapped(v.name())) {
                continue;
            }
            if (v.name().startsWith("ansible_become") || v.name().startsWith("ansible_sudo")) {
                become(host, v);
            } else if (v.secret()) {
                warn(v, host, v.name() + " is a secret and is not copied: aistorctl logs in with a key (identity_file) and becomes root"
                        + " with sudo; give the login user a key and passwordless sudo");
            } else {
                warn(v, host, v.name() + " is not used by aistorctl and is ignored");
            }
        }
        return s;
    }

    private static boolean mapped(String name) {
        return List.of("ansible_host", "ansible_ssh_host", "ansible_user", "ansible_ssh_user", "ansible_port", "ansible_ssh_port",
                "ansible_ssh_private_key_file", "ansible_private_key_file").contains(name);
    }

    private void become(String host, AnsibleVar v) {
        String value = v.value() == null ? "" : v.value().strip().toLowerCase(Locale.ROOT);
        boolean fine = switch (v.name()) {
            case "ansible_become", "ansible_sudo" -> true;
            case "ansible_become_method" -> value.equals("sudo") || value.equals("ansible.builtin.sudo");
            case "ansible_become_user", "ansible_sudo_user" -> value.equals("root");
            default -> false;
        };
        if (fine) {
            return;
        }
        if (v.secret()) {
            warn(v, host, v.name() + " is a secret and is not copied: aistorctl becomes root with sudo and needs it passwordless");
        } else {
            warn(v, host, v.name() + " is ignored: aistorctl becomes root with sudo when it does not log in as root");
        }
    }

    /** A value that must be used as written: a template only Ansible can render becomes a TODO. */
    private AnsibleSetting plain(AnsibleVar v, String key) {
        if (v.value() == null) {
            return AnsibleSetting.todo(v.name() + " at " + v.where() + " is " + (v.vaulted() ? "vaulted" : "not a plain value")
                    + ": write the " + key, v);
        }
        if (v.templated()) {
            return AnsibleSetting.todo(v.name() + " at " + v.where() + " is a Jinja2 template only Ansible can render ("
                    + v.value().strip() + "): write the " + key, v);
        }
        return AnsibleSetting.of(v.value().strip(), v);
    }

    private AnsibleSetting keyPath(AnsibleVar v) {
        AnsibleSetting s = plain(v, "identity_file");
        if (s.isTodo() || s.value().startsWith("~") || s.value().startsWith("/")) {
            return s;
        }
        return AnsibleSetting.of(workingDirectory.resolve(s.value()).toAbsolutePath().normalize().toString(), v);
    }

    private Optional<AnsibleSetting> jump(String host, Map<String, AnsibleVar> vars) {
        Optional<AnsibleSetting> found = Optional.empty();
        for (String name : List.of("ansible_ssh_common_args", "ansible_ssh_extra_args")) {
            AnsibleVar v = vars.get(name);
            if (v == null || v.value() == null || v.value().isBlank()) {
                continue;
            }
            if (v.templated()) {
                return Optional.of(AnsibleSetting.todo(name + " at " + v.where() + " is a Jinja2 template only Ansible can render: write"
                        + " the jump host as [user@]host[:port], or none", v));
            }
            SshArguments args;
            try {
                args = SshArguments.parse(v.value());
            } catch (IllegalArgumentException e) {
                return Optional.of(AnsibleSetting.todo(name + " at " + v.where() + " cannot be read (" + e.getMessage()
                        + "): write the jump host as [user@]host[:port], or none", v));
            }
            if (!args.ignored().isEmpty()) {
                warn(v, host, name + ": " + String.join(" ", args.ignored()) + " ignored (aistorctl always checks host keys against"
                        + " its known_hosts; other options come from ssh_config)");
            }
            if (args.unmapped().isPresent()) {
                return Optional.of(AnsibleSetting.todo(name + " at " + v.where() + " reaches the host through '" + args.unmapped().get()
                        + "', which is no plain jump host: write it as [user@]host[:port] (a chain as a,b), or none", v));
            }
            if (args.jump().isPresent()) {
                found = Optional.of(AnsibleSetting.of(args.jump().get(), v));
            }
        }
        return found;
    }

    private void warn(AnsibleVar v, String host, String message) {
        String key = v.where() + "\u0000" + message;
        AnsibleWarning w = warnings.get(key);
        List<String> hosts = new ArrayList<>(w == null ? List.of() : w.hosts());
        hosts.add(host);
        AnsibleWarning updated = new AnsibleWarning(v.where(), message, hosts);
        warnings.put(key, updated);
        places.put(updated, v);
    }

    private static Optional<AnsibleVar> first(Map<String, AnsibleVar> vars, String... names) {
        for (String n : names) {
            if (vars.containsKey(n)) {
                return Optional.of(vars.get(n));
            }
        }
        return Optional.empty();
    }
}
