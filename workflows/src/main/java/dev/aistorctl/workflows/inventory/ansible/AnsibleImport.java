package dev.aistorctl.workflows.inventory.ansible;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.aistorctl.core.UsageException;
import dev.aistorctl.core.config.InvalidConfigFileException;
import dev.aistorctl.core.config.Problem;
import dev.aistorctl.core.config.Suggestion;
import dev.aistorctl.inventory.HostAddress;
import dev.aistorctl.inventory.InvalidInventoryException;
import dev.aistorctl.inventory.InventoryLoader;
import dev.aistorctl.inventory.ShellMetacharacters;
import dev.aistorctl.inventory.ansible.AnsibleConnection;
import dev.aistorctl.inventory.ansible.AnsibleInventory;
import dev.aistorctl.inventory.ansible.AnsibleInventoryReader;
import dev.aistorctl.inventory.ansible.AnsibleVar;
import dev.aistorctl.inventory.ansible.AnsibleWarning;
import dev.aistorctl.inventory.ansible.ImportedHost;
import dev.aistorctl.workflows.inventory.InventoryFile;

/**
 * {@code inventory import ansible}: read a static Ansible inventory, carry each host's SSH settings
 * over as Ansible resolves them, and write a commented inventory version 1 with TODO where Ansible
 * says nothing (cluster, binary, credentials, drives). The result is checked by the inventory loader
 * before it is written: a value Ansible accepts but the inventory refuses (a user name with a space,
 * a port out of range) stops the import at the Ansible file's own line, and nothing is written.
 */
public final class AnsibleImport {
    private static final String KIND = "Ansible inventory";
    private static final Pattern POOL_NAME = Pattern.compile("[a-z0-9-]{1,32}");

    private AnsibleImport() {
    }

    /**
     * @throws InvalidConfigFileException with every problem located in the Ansible file (exit 4)
     * @throws UsageException for an unknown group or an {@code --out} that exists (exit 2)
     */
    public static AnsibleImportResult run(AnsibleImportRequest request, Instant now) {
        request.out().ifPresent(out -> InventoryFile.checkOut(out, request.force(), "import"));
        AnsibleInventoryReader.Read read = AnsibleInventoryReader.read(request.file());
        AnsibleInventory ansible = read.inventory();
        Map<String, List<String>> selected = select(ansible, request.groups());
        List<String> all = selected.values().stream().flatMap(List::stream).toList();
        AnsibleConnection.Mapped mapped = AnsibleConnection.map(ansible, all, request.workingDirectory());
        Map<String, ImportedHost> byName = new LinkedHashMap<>();
        mapped.hosts().forEach(h -> byName.put(h.name(), h));
        checkNames(mapped.hosts());
        Map<String, List<ImportedHost>> pools = new LinkedHashMap<>();
        selected.forEach((pool, names) -> {
            List<ImportedHost> hosts = names.stream().filter(byName::containsKey).map(byName::get).toList();
            if (!hosts.isEmpty()) {
                pools.put(pool, hosts);
            }
        });
        if (pools.isEmpty()) {
            throw new UsageException(ansible.file() + ": no host to import" + (mapped.leftOut().isEmpty() ? ""
                    : " (left out, not reached over SSH: " + String.join(", ", mapped.leftOut().keySet()) + ")"));
        }
        List<AnsibleWarning> warnings = new ArrayList<>();
        read.warnings().forEach(p -> warnings.add(new AnsibleWarning(p.location(), p.message(), List.of())));
        warnings.addAll(mapped.warnings());
        AnsibleInventoryText.Rendered rendered = AnsibleInventoryText.render(ansible.file(), pools, mapped.leftOut(), warnings, now);
        check(rendered, request.out().orElse(Path.of("inventory.yaml")), ansible.file());
        request.out().ifPresent(out -> InventoryFile.write(out, rendered.text(), request.force(), "import"));
        return new AnsibleImportResult(rendered.text(), pools, mapped.leftOut(), warnings, rendered.todos(), request.out());
    }

    /** Pool name to its hosts: one pool per group asked for, or one pool of every host. */
    private static Map<String, List<String>> select(AnsibleInventory ansible, List<String> groups) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (groups.isEmpty()) {
            out.put("pool1", ansible.hosts());
            return out;
        }
        Map<String, String> poolOf = new LinkedHashMap<>();
        for (String g : groups) {
            if (ansible.group(g).isEmpty()) {
                throw new UsageException("--group " + g + ": no such group in " + ansible.file() + "; "
                        + Suggestion.didYouMeanOr(g, ansible.groupNames(), "its groups are"));
            }
            String pool = poolName(g, out.size() + 1);
            if (out.containsKey(pool)) {
                pool = "pool" + (out.size() + 1);
            }
            List<String> hosts = ansible.hostsOf(g);
            for (String h : hosts) {
                String other = poolOf.putIfAbsent(h, g);
                if (other != null) {
                    throw new UsageException("--group " + g + ": host " + h + " is also in group " + other
                            + ", and a host belongs to one pool; name groups that do not share hosts");
                }
            }
            out.put(pool, hosts);
        }
        return out;
    }

    /** The group's name as a pool name ({@code minio_pool_1} is {@code minio-pool-1}), else {@code poolN}. */
    private static String poolName(String group, int n) {
        String name = group.toLowerCase(Locale.ROOT).replace('_', '-');
        return POOL_NAME.matcher(name).matches() ? name : "pool" + n;
    }

    /** An Ansible alias such as {@code web_1} is no host name; the inventory names hosts by DNS name or address. */
    private static void checkNames(List<ImportedHost> hosts) {
        List<Problem> problems = new ArrayList<>();
        for (ImportedHost h : hosts) {
            Optional<String> bad = HostAddress.problem(h.name());
            if (bad.isEmpty() && ShellMetacharacters.firstIn(h.name()).isPresent()) {
                bad = Optional.of("'" + h.name() + "' holds a shell metacharacter");
            }
            bad.ifPresent(why -> problems.add(at(h.at(), "host " + h.name() + ": " + why,
                    "aistorctl names hosts by DNS name or address: rename it in the Ansible inventory (its ansible_host"
                            + " can stay), or import the groups without it with --group")));
        }
        if (!problems.isEmpty()) {
            throw InvalidConfigFileException.all(problems, KIND);
        }
    }

    /**
     * Loads the text as the inventory it will be: every problem other than a TODO is a value carried
     * over from Ansible that the inventory refuses, reported at the Ansible variable it came from.
     */
    private static void check(AnsibleInventoryText.Rendered rendered, Path out, String source) {
        try {
            InventoryLoader.parse(out, rendered.text().getBytes(StandardCharsets.UTF_8));
        } catch (InvalidInventoryException e) {
            List<Problem> problems = new ArrayList<>();
            for (Problem p : e.problems()) {
                if (p.message().contains("is still TODO")) {
                    continue;
                }
                AnsibleVar from = rendered.origins().get(p.line());
                problems.add(from == null
                        ? new Problem(source, 0, 0, "", "the imported inventory would not load: " + p.message(), p.hint())
                        : at(from, from.name() + ": " + p.message(), p.hint()));
            }
            if (!problems.isEmpty()) {
                problems.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
                throw InvalidConfigFileException.all(problems, KIND);
            }
        }
    }

    private static Problem at(AnsibleVar v, String message, String hint) {
        return new Problem(v.file(), v.line(), v.column(), "", message, hint);
    }
}
