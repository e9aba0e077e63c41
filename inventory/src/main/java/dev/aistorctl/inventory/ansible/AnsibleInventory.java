package dev.aistorctl.inventory.ansible;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A static Ansible inventory as read from its file: groups with their hosts, children and variables,
 * and every host with its own variables. {@link #varsOf} gives a host's variables as Ansible would
 * see them: the group {@code all} first, then its groups from the outermost to the innermost (groups
 * at the same depth by {@code ansible_group_priority}, then by name), the host's own last; each one
 * replaces what came before. Variables from {@code group_vars/} files come after every group
 * variable of the inventory file, those from {@code host_vars/} last, as in Ansible's precedence.
 */
public final class AnsibleInventory {
    public static final String ALL = "all";
    public static final String UNGROUPED = "ungrouped";
    /** As many hosts as an inventory may have: a typo in a range must not build millions of them. */
    public static final int MAX_HOSTS = dev.aistorctl.inventory.HostPattern.MAX_NAMES;
    private static final String PRIORITY = "ansible_group_priority";

    private final String file;
    private final Map<String, AnsibleGroup> groups = new LinkedHashMap<>();
    private final Map<String, Map<String, AnsibleVar>> hostVars = new LinkedHashMap<>();
    private final Map<String, AnsibleVar> hostFirstSeen = new HashMap<>();
    /** From {@code group_vars/} and {@code host_vars/} beside the file: above the file's own group and host variables. */
    private final Map<String, Map<String, AnsibleVar>> groupFileVars = new HashMap<>();
    private final Map<String, Map<String, AnsibleVar>> hostFileVars = new HashMap<>();
    /** Each group's depth, worked out once the file is read. */
    private Map<String, Integer> depths;

    AnsibleInventory(String file) {
        this.file = file;
        groups.put(ALL, new AnsibleGroup(ALL));
        groups.put(UNGROUPED, new AnsibleGroup(UNGROUPED));
    }

    /** The file as the user named it. */
    public String file() {
        return file;
    }

    /** Every host, in the order the file first names them. */
    public List<String> hosts() {
        return new ArrayList<>(hostVars.keySet());
    }

    public Optional<AnsibleGroup> group(String name) {
        return Optional.ofNullable(groups.get(name));
    }

    public List<String> groupNames() {
        return new ArrayList<>(groups.keySet());
    }

    /** Where the file first names the host, as a variable whose value is the host's name. */
    public AnsibleVar firstSeen(String host) {
        return hostFirstSeen.getOrDefault(host, new AnsibleVar("", host, false, file, 0, 0));
    }

    /** The hosts of a group and of its children, at any depth, in file order. */
    public List<String> hostsOf(String group) {
        if (ALL.equals(group)) {
            return hosts();
        }
        Set<String> inGroup = new LinkedHashSet<>();
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(group));
        while (!todo.isEmpty()) {
            String g = todo.pop();
            if (!seen.add(g) || !groups.containsKey(g)) {
                continue;
            }
            inGroup.addAll(groups.get(g).hosts());
            todo.addAll(groups.get(g).children());
        }
        return hosts().stream().filter(inGroup::contains).toList();
    }

    /** The host's variables by name, each the one that wins by Ansible's precedence. */
    public Map<String, AnsibleVar> varsOf(String host) {
        Map<String, AnsibleVar> out = new LinkedHashMap<>();
        if (depths == null) {
            depths = depths();
        }
        List<String> mine = new ArrayList<>(groupsOf(host));
        mine.sort(Comparator.<String>comparingInt(g -> depths.getOrDefault(g, 1)).thenComparingInt(this::priority)
                .thenComparing(Comparator.naturalOrder()));
        for (String g : mine) {
            out.putAll(groups.get(g).vars());
        }
        for (String g : mine) {
            out.putAll(groupFileVars.getOrDefault(g, Map.of()));
        }
        out.putAll(hostVars.getOrDefault(host, Map.of()));
        out.putAll(hostFileVars.getOrDefault(host, Map.of()));
        return out;
    }

    /** {@code all}, the groups that list the host, and every parent of those. */
    Set<String> groupsOf(String host) {
        Set<String> out = new LinkedHashSet<>();
        out.add(ALL);
        Deque<String> todo = new ArrayDeque<>();
        for (AnsibleGroup g : groups.values()) {
            if (g.hasHost(host)) {
                todo.add(g.name());
            }
        }
        if (todo.isEmpty()) {
            todo.add(UNGROUPED);
        }
        while (!todo.isEmpty()) {
            String g = todo.pop();
            if (out.add(g)) {
                for (AnsibleGroup parent : groups.values()) {
                    if (parent.hasChild(g)) {
                        todo.add(parent.name());
                    }
                }
            }
        }
        return out;
    }

    /** {@code all} is 0, a group directly below it 1, a child one more than its deepest parent. */
    private Map<String, Integer> depths() {
        Map<String, Integer> depth = new HashMap<>();
        depth.put(ALL, 0);
        for (String g : groups.keySet()) {
            depth.putIfAbsent(g, 1);
        }
        // Children are acyclic (the readers refuse a loop), so at most one pass per group settles them.
        for (int pass = 0; pass < groups.size(); pass++) {
            boolean changed = false;
            for (AnsibleGroup parent : groups.values()) {
                for (String child : parent.children()) {
                    int d = depth.get(parent.name()) + 1;
                    if (!ALL.equals(child) && depth.getOrDefault(child, 1) < d) {
                        depth.put(child, d);
                        changed = true;
                    }
                }
            }
            if (!changed) {
                break;
            }
        }
        return depth;
    }

    private int priority(String group) {
        AnsibleVar p = groups.get(group).vars().get(PRIORITY);
        try {
            return p == null || p.value() == null ? 1 : Integer.parseInt(p.value().strip());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    void setGroupFileVar(String group, AnsibleVar var) {
        groupFileVars.computeIfAbsent(group, g -> new LinkedHashMap<>()).put(var.name(), var);
    }

    void setHostFileVar(String host, AnsibleVar var) {
        hostFileVars.computeIfAbsent(host, h -> new LinkedHashMap<>()).put(var.name(), var);
    }

    AnsibleGroup groupNamed(String name) {
        depths = null;
        return groups.computeIfAbsent(name, AnsibleGroup::new);
    }

    /** Whether {@code more} new hosts would take the inventory past {@link #MAX_HOSTS}. */
    boolean full(int more) {
        return hostVars.size() + (long) more > MAX_HOSTS;
    }

    boolean hasGroup(String name) {
        return groups.containsKey(name);
    }

    /** Records the host, where the file first names it, and its variables on that line. */
    void addHost(String group, String host, AnsibleVar firstSeen, List<AnsibleVar> vars) {
        hostVars.computeIfAbsent(host, h -> new LinkedHashMap<>());
        hostFirstSeen.putIfAbsent(host, firstSeen);
        vars.forEach(v -> hostVars.get(host).put(v.name(), v));
        groupNamed(group).addHost(host);
    }

    /** True when the group is its own ancestor through {@code children}. */
    boolean loops(String group) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(groupNamed(group).children());
        while (!todo.isEmpty()) {
            String g = todo.pop();
            if (g.equals(group)) {
                return true;
            }
            if (seen.add(g) && groups.containsKey(g)) {
                todo.addAll(groups.get(g).children());
            }
        }
        return false;
    }
}
