package dev.aistorctl.inventory.ansible;

import dev.aistorctl.core.config.Problems;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an Ansible INI inventory as Ansible's {@code ini} plugin does: host lines
 * ({@code node[01:08] ansible_user=ubuntu}, hosts before any section are ungrouped), {@code [group]},
 * {@code [group:children]} and {@code [group:vars]} sections, whole-line comments with {@code #} or
 * {@code ;}. A host line is split as a shell would ({@code shlex}), a {@code [g:vars]} line at its
 * first {@code =}; a quoted value loses its quotes. INI parsers such as ini4j read neither bare host
 * lines nor ranges, hence this one.
 */
final class AnsibleIniReader {
    private static final Pattern SECTION = Pattern.compile("^\\[([^:\\]\\s]+)(?::(\\w+))?\\]\\s*(?:#.*)?$");
    private static final Pattern GROUP_NAME = Pattern.compile("^([^:\\]\\s]+)\\s*(?:#.*)?$");

    private final AnsibleInventory inventory;
    private final Problems problems;
    private final String file;
    /** A group named by [g:vars] or as a child before any [g] or [g:children]: Ansible refuses it if never defined. */
    private final Map<String, int[]> pending = new LinkedHashMap<>();
    private final Map<String, String> pendingKind = new LinkedHashMap<>();
    /** Set when the hosts reach the cap: the rest of the file is not read. */
    private boolean stopped;

    private AnsibleIniReader(String file, Problems problems) {
        this.file = file;
        this.problems = problems;
        this.inventory = new AnsibleInventory(file);
    }

    static AnsibleInventory read(String file, String text, Problems problems) {
        return new AnsibleIniReader(file, problems).read(text);
    }

    private AnsibleInventory read(String text) {
        String[] lines = text.split("\r\n|\r|\n", -1);
        String group = AnsibleInventory.UNGROUPED;
        String state = "hosts";
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String raw = lines[i];
            String line = raw.strip();
            if (line.isEmpty() || line.charAt(0) == '#' || line.charAt(0) == ';') {
                continue;
            }
            int column = raw.indexOf(line.charAt(0)) + 1;
            Matcher section = SECTION.matcher(line);
            if (section.matches()) {
                group = section.group(1);
                state = section.group(2) == null ? "hosts" : section.group(2);
                if (!List.of("hosts", "children", "vars").contains(state)) {
                    problems.at(lineNo, column, "section [" + group + ":" + state + "] has an unknown type '" + state + "'",
                            "Ansible knows [" + group + "], [" + group + ":children] and [" + group + ":vars]");
                    state = "skip";
                    continue;
                }
                if (state.equals("vars") && !inventory.hasGroup(group)) {
                    pending.putIfAbsent(group, new int[] {lineNo, column});
                    pendingKind.putIfAbsent(group, "[" + group + ":vars] is for a group never defined");
                } else {
                    pending.remove(group);
                }
                inventory.groupNamed(group);
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                problems.at(lineNo, column, "invalid section '" + line + "'", "a section is [group], [group:children] or [group:vars], without spaces");
                state = "skip";
                continue;
            }
            if (stopped) {
                break;
            }
            switch (state) {
                case "hosts" -> hostLine(group, raw, lineNo);
                case "children" -> childLine(group, line, lineNo, column);
                case "vars" -> varLine(group, raw, line, lineNo, column);
                default -> {
                    // the lines of a section already reported
                }
            }
        }
        pending.forEach((g, at) -> problems.at(at[0], at[1], pendingKind.get(g) + " (no [" + g + "] or [" + g + ":children] section)",
                "define the group, or remove the section"));
        for (String g : inventory.groupNames()) {
            if (inventory.loops(g)) {
                problems.at(0, 0, "group '" + g + "' is its own child through [:children] sections", "break the loop");
                break;
            }
        }
        return inventory;
    }

    private void hostLine(String group, String raw, int lineNo) {
        List<int[]> starts = new ArrayList<>();
        List<String> tokens;
        try {
            tokens = ShellWords.split(raw, starts);
        } catch (IllegalArgumentException e) {
            problems.at(lineNo, 0, e.getMessage(), "close the quote");
            return;
        }
        if (tokens.isEmpty()) {
            return;
        }
        List<AnsibleVar> vars = new ArrayList<>();
        for (int t = 1; t < tokens.size(); t++) {
            String token = tokens.get(t);
            int col = starts.get(t)[0] + 1;
            int eq = token.indexOf('=');
            if (eq <= 0) {
                problems.at(lineNo, col, "expected key=value after the host, got '" + token + "'",
                        "a host line is HOST [key=value ...]; quote a value with spaces");
                continue;
            }
            AnsibleVar var = new AnsibleVar(token.substring(0, eq), unquote(token.substring(eq + 1)), false, file, lineNo, col);
            if (var.secret()) {
                problems.secret(var.value());
            }
            vars.add(var);
        }
        int hostColumn = starts.get(0)[0] + 1;
        try {
            AnsibleHostPattern pattern = AnsibleHostPattern.parse(tokens.get(0));
            if (inventory.full(pattern.names().size())) {
                problems.at(lineNo, hostColumn, "more than " + AnsibleInventory.MAX_HOSTS + " hosts by this line; the rest of the file is not read",
                        "check the ranges for a typo");
                stopped = true;
                return;
            }
            for (String host : pattern.names()) {
                List<AnsibleVar> own = new ArrayList<>(vars);
                pattern.port().ifPresent(p -> own.add(new AnsibleVar("ansible_port", p.toString(), false, file, lineNo, hostColumn)));
                inventory.addHost(group, host, new AnsibleVar("", host, false, file, lineNo, hostColumn), own);
            }
        } catch (IllegalArgumentException e) {
            problems.at(lineNo, hostColumn, "host " + e.getMessage(), "a host is NAME, NAME:PORT or a range such as node[01:08]");
        }
    }

    private void childLine(String group, String line, int lineNo, int column) {
        Matcher m = GROUP_NAME.matcher(line);
        if (!m.matches()) {
            problems.at(lineNo, column, "'" + line + "' is not a group name", "[" + group + ":children] lists one group per line");
            return;
        }
        String child = m.group(1);
        if (!inventory.hasGroup(child)) {
            pending.putIfAbsent(child, new int[] {lineNo, column});
            pendingKind.putIfAbsent(child, "[" + group + ":children] names group '" + child + "' that is never defined");
        }
        inventory.groupNamed(child);
        inventory.groupNamed(group).addChild(child);
    }

    private void varLine(String group, String raw, String line, int lineNo, int column) {
        int eq = line.indexOf('=');
        if (eq <= 0) {
            problems.at(lineNo, column, "expected key=value in [" + group + ":vars]", "one variable per line: name=value");
            return;
        }
        String name = line.substring(0, eq).strip();
        AnsibleVar var = new AnsibleVar(name, unquote(line.substring(eq + 1).strip()), false, file, lineNo, column);
        if (var.secret()) {
            problems.secret(var.value());
        }
        inventory.groupNamed(group).setVar(var);
    }

    /** A value quoted whole as a Python literal ('x' or "x") is the text inside; anything else stays as written. */
    static String unquote(String value) {
        if (value.length() >= 2 && (value.charAt(0) == '\'' || value.charAt(0) == '"')
                && value.charAt(value.length() - 1) == value.charAt(0)) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
