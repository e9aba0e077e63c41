package dev.aistorctl.inventory.ansible;

import dev.aistorctl.core.config.Problems;
import dev.aistorctl.core.config.YamlDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads an Ansible YAML inventory as Ansible's {@code yaml} plugin does: top-level keys are groups
 * (below {@code all}), each with {@code hosts} (a mapping of host patterns to their variables),
 * {@code children} (groups, nested the same way) and {@code vars}. Every value keeps its
 * {@code file:line:col}. A file with a top-level {@code plugin:} key configures an inventory plugin
 * that asks a cloud or a CMDB for hosts at run time: nothing here to read, so it stops the import.
 */
final class AnsibleYamlReader {
    private static final Set<String> GROUP_KEYS = Set.of("hosts", "children", "vars");

    private final AnsibleInventory inventory;
    private final Problems problems;
    private final Problems warnings;
    private final String file;

    private AnsibleYamlReader(String file, Problems problems, Problems warnings) {
        this.file = file;
        this.problems = problems;
        this.warnings = warnings;
        this.inventory = new AnsibleInventory(file);
    }

    static AnsibleInventory read(YamlDocument document, Problems problems, Problems warnings) {
        AnsibleYamlReader reader = new AnsibleYamlReader(document.source().label(), problems, warnings);
        Node root = document.root();
        if (root == null) {
            return reader.inventory;
        }
        if (!(root instanceof MappingNode map)) {
            problems.at(root, "an Ansible YAML inventory is a mapping of groups", "start with all: {hosts: ..., children: ...}");
            return reader.inventory;
        }
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("plugin")) {
                String plugin = t.getValueNode() instanceof ScalarNode v ? v.getValue() : "?";
                problems.at(k, "inventory plugin '" + plugin + "': its hosts exist only when Ansible runs the plugin, there are none in this file",
                        "write them out with ansible-inventory -i " + reader.file + " --list --yaml > static.yml, then import static.yml");
                return reader.inventory;
            }
        }
        try {
            for (NodeTuple t : map.getValue()) {
                String name = reader.scalarKey(t);
                if (name != null) {
                    reader.group(name, t.getValueNode());
                }
            }
        } catch (TooManyHosts e) {
            problems.at(e.at, "more than " + AnsibleInventory.MAX_HOSTS + " hosts by this key; the rest of the file is not read",
                    "check the ranges for a typo");
        }
        return reader.inventory;
    }

    /** The variables of a {@code group_vars/} or {@code host_vars/} file: a mapping at the top, or nothing. */
    static List<AnsibleVar> varsFile(YamlDocument document, Problems problems, Problems warnings) {
        AnsibleYamlReader reader = new AnsibleYamlReader(document.source().label(), problems, warnings);
        return document.root() == null ? List.of() : reader.vars(document.root(), "a variables file");
    }

    private String scalarKey(NodeTuple t) {
        if (t.getKeyNode() instanceof ScalarNode k) {
            return k.getValue();
        }
        problems.at(t.getKeyNode(), "a key here must be a plain name", "");
        return null;
    }

    private void group(String name, Node body) {
        inventory.groupNamed(name);
        if (isNull(body)) {
            return;
        }
        if (!(body instanceof MappingNode map)) {
            problems.at(body, "group '" + name + "' must be a mapping with hosts, children or vars", "write " + name + ": {hosts: {node01: }}");
            return;
        }
        for (NodeTuple t : map.getValue()) {
            String key = scalarKey(t);
            if (key == null) {
                continue;
            }
            Node value = t.getValueNode();
            switch (key) {
                case "hosts" -> hosts(name, value);
                case "vars" -> vars(value, "vars of group '" + name + "'").forEach(inventory.groupNamed(name)::setVar);
                case "children" -> children(name, value);
                default -> warnings.at(t.getKeyNode(), "key '" + key + "' in group '" + name + "' is ignored, as Ansible does",
                        "a group has only " + String.join(", ", GROUP_KEYS.stream().sorted().toList()));
            }
        }
    }

    private void children(String parent, Node value) {
        if (isNull(value)) {
            return;
        }
        if (!(value instanceof MappingNode map)) {
            problems.at(value, "children of group '" + parent + "' must be a mapping of group names", "children: {storage: {hosts: ...}}");
            return;
        }
        for (NodeTuple t : map.getValue()) {
            String child = scalarKey(t);
            if (child == null) {
                continue;
            }
            inventory.groupNamed(parent).addChild(child);
            if (inventory.loops(parent)) {
                problems.at(t.getKeyNode(), "group '" + child + "' is its own ancestor", "break the loop of children");
                continue;
            }
            group(child, t.getValueNode());
        }
    }

    private void hosts(String group, Node value) {
        if (isNull(value)) {
            return;
        }
        if (!(value instanceof MappingNode map)) {
            problems.at(value, "hosts of group '" + group + "' must be a mapping of host names to their variables",
                    "hosts: {node01: {ansible_host: 10.0.0.1}, node02: }  (a list is the INI habit; YAML needs the colon)");
            return;
        }
        for (NodeTuple t : map.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                problems.at(t.getKeyNode(), "a host must be a plain name", "");
                continue;
            }
            List<AnsibleVar> vars = isNull(t.getValueNode()) ? List.of() : vars(t.getValueNode(), "variables of host '" + k.getValue() + "'");
            int line = k.getStartMark().getLine() + 1;
            int column = k.getStartMark().getColumn() + 1;
            try {
                AnsibleHostPattern pattern = AnsibleHostPattern.parse(k.getValue());
                if (inventory.full(pattern.names().size())) {
                    throw new TooManyHosts(k);
                }
                for (String host : pattern.names()) {
                    List<AnsibleVar> own = new ArrayList<>(vars);
                    pattern.port().ifPresent(p -> own.add(0, new AnsibleVar("ansible_port", p.toString(), false, file, line, column)));
                    inventory.addHost(group, host, new AnsibleVar("", host, false, file, line, column), own);
                }
            } catch (IllegalArgumentException e) {
                problems.at(k, "host " + e.getMessage(), "a host is NAME, NAME:PORT or a range such as node[01:08]");
            }
        }
    }

    private List<AnsibleVar> vars(Node value, String what) {
        if (isNull(value)) {
            return List.of();
        }
        if (!(value instanceof MappingNode map)) {
            problems.at(value, what + " must be a mapping of names to values", "ansible_user: ubuntu");
            return List.of();
        }
        List<AnsibleVar> out = new ArrayList<>();
        for (NodeTuple t : map.getValue()) {
            String name = scalarKey(t);
            if (name == null) {
                continue;
            }
            Node v = t.getValueNode();
            boolean vaulted = "!vault".equals(v.getTag().getValue());
            String text = v instanceof ScalarNode s && !vaulted ? s.getValue() : null;
            AnsibleVar var = new AnsibleVar(name, text, vaulted, file, v.getStartMark().getLine() + 1, v.getStartMark().getColumn() + 1);
            if (var.secret() && text != null) {
                problems.secret(text);
                warnings.secret(text);
            }
            out.add(var);
        }
        return out;
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode s && s.getTag().getValue().endsWith(":null");
    }

    /** Stops the read where the hosts cross the cap. */
    private static final class TooManyHosts extends RuntimeException {
        final transient Node at;

        TooManyHosts(Node at) {
            super(null, null, false, false);
            this.at = at;
        }
    }
}
