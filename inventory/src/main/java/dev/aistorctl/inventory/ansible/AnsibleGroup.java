package dev.aistorctl.inventory.ansible;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A group of an Ansible inventory as read: its own hosts, its child groups and its variables, in file order. */
public final class AnsibleGroup {
    private final String name;
    private final Set<String> hosts = new LinkedHashSet<>();
    private final Set<String> children = new LinkedHashSet<>();
    private final Map<String, AnsibleVar> vars = new LinkedHashMap<>();

    AnsibleGroup(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** The hosts written in this group itself, not in its children. */
    public List<String> hosts() {
        return new ArrayList<>(hosts);
    }

    public List<String> children() {
        return new ArrayList<>(children);
    }

    public Map<String, AnsibleVar> vars() {
        return Map.copyOf(vars);
    }

    boolean hasHost(String host) {
        return hosts.contains(host);
    }

    boolean hasChild(String group) {
        return children.contains(group);
    }

    void addHost(String host) {
        hosts.add(host);
    }

    void addChild(String group) {
        children.add(group);
    }

    /** A later definition replaces an earlier one, as Ansible does. */
    void setVar(AnsibleVar var) {
        vars.put(var.name(), var);
    }
}
