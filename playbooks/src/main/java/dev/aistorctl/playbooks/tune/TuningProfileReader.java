package dev.aistorctl.playbooks.tune;

import dev.aistorctl.core.InvalidConfigException;
import dev.aistorctl.core.config.MappingFields;
import dev.aistorctl.core.config.Problems;
import dev.aistorctl.core.config.YamlDocument;
import dev.aistorctl.core.config.YamlValues;
import dev.aistorctl.templates.Templates;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads one tuning profile from its YAML node tree, so that every complaint names file, line and
 * column; the first problem stops the reading. Scalars mean what they meant when profiles were
 * loaded into plain maps ({@code 0x10} is 16, {@code yes} is true), so a site's profile tunes the
 * same values as before.
 */
final class TuningProfileReader {
    private static final List<String> TOP = List.of("block", "bootloader", "cpu", "description", "limits", "name", "nic", "swap",
            "sysctl", "transparent_hugepages", "version");
    private static final Pattern WORD = Pattern.compile("[a-z0-9_+-]+");
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
    /* The name is written into comment lines of the unit, the udev rule, sysctl.d and limits.d. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final String ONE_LINE = "a profile's values are written into root-owned, line-based files "
            + "(systemd unit, udev rule, sysctl.d, limits.d): write each on one line, without control characters";

    private final String source;
    private final Node root;
    private final Problems problems;
    private final YamlValues values;
    private final Scalars scalars = new Scalars();

    TuningProfileReader(YamlDocument document) {
        this.source = document.source().label();
        this.root = document.root();
        this.problems = document.failFast();
        this.values = new YamlValues(problems);
    }

    TuningProfile read() {
        if (root == null) {
            throw new InvalidConfigException(source + ": the profile must be a mapping");
        }
        MappingFields top = new MappingFields(values.mapping(root, "the profile", ""), "in the tuning profile", TOP, problems);
        Node version = top.get("version");
        if (version == null || YamlValues.isNull(version)) {
            throw problems.stop(version == null ? root : version, "'version: " + TuningProfiles.VERSION + "' is required", "");
        }
        String v = scalarText(version, "version");
        if (!String.valueOf(TuningProfiles.VERSION).equals(v)) {
            throw problems.stop(version, "'version: " + TuningProfiles.VERSION + "' is required, not " + v, "");
        }
        String name = text(top.get("name"), root, "name");
        if (!NAME.matcher(name).matches()) {
            throw problems.stop(top.get("name"), "name: '" + name + "' is not a profile name",
                    "a name is [a-z0-9] then up to 63 of [a-z0-9._-], e.g. site-performance");
        }
        String description = top.has("description") ? text(top.get("description"), root, "description") : "";

        MappingFields cpu = section(top, "cpu", List.of("governor"));
        Optional<String> governor = optionalWord(cpu, "cpu.governor", "governor");

        MappingFields thp = section(top, "transparent_hugepages", List.of("defrag", "enabled", "khugepaged_max_ptes_none"));
        Optional<TuningProfile.HugePages> hugePages = thp == null ? Optional.empty() : Optional.of(new TuningProfile.HugePages(
                optionalWord(thp, "transparent_hugepages.enabled", "enabled").orElse(null),
                optionalWord(thp, "transparent_hugepages.defrag", "defrag").orElse(null),
                thp.has("khugepaged_max_ptes_none")
                        ? (int) number(thp.get("khugepaged_max_ptes_none"), thp.node(), "transparent_hugepages.khugepaged_max_ptes_none", 0, 511)
                        : null));

        Map<String, String> sysctl = sysctl(top.get("sysctl"));

        MappingFields block = section(top, "block", List.of("nvme_scheduler"));
        Optional<String> scheduler = optionalWord(block, "block.nvme_scheduler", "nvme_scheduler");

        MappingFields limits = section(top, "limits", List.of("nofile", "user"));
        Optional<String> user = Optional.empty();
        Optional<Long> nofile = Optional.empty();
        if (limits != null) {
            String u = text(limits.get("user"), limits.node(), "limits.user");
            if (!USER.matcher(u).matches()) {
                throw problems.stop(limits.get("user"), "limits.user: '" + u + "' is not a user name", "");
            }
            user = Optional.of(u);
            nofile = Optional.of(number(limits.get("nofile"), limits.node(), "limits.nofile", 1024, 1L << 30));
        }

        MappingFields nic = section(top, "nic", List.of("mtu"));
        Optional<Integer> mtu = nic != null && nic.has("mtu")
                ? Optional.of((int) number(nic.get("mtu"), nic.node(), "nic.mtu", 576, 65535)) : Optional.empty();

        MappingFields swap = section(top, "swap", List.of("off"));
        boolean swapOff = swap != null && swap.has("off") && yesNo(swap.get("off"), swap.node(), "swap.off");
        MappingFields boot = section(top, "bootloader", List.of("iommu_passthrough"));
        boolean iommu = boot != null && boot.has("iommu_passthrough") && yesNo(boot.get("iommu_passthrough"), boot.node(), "bootloader.iommu_passthrough");

        return new TuningProfile(name, description, source, governor, hugePages, sysctl, scheduler, user, nofile, mtu, swapOff, iommu);
    }

    private boolean yesNo(Node node, Node parent, String what) {
        String v = text(node, parent, what);
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw problems.stop(node, what + ": '" + v + "' is not true or false", "");
        };
    }

    private Map<String, String> sysctl(Node node) {
        Map<String, String> sysctl = new LinkedHashMap<>();
        if (node == null || YamlValues.isNull(node)) {
            return sysctl;
        }
        for (NodeTuple t : new MappingFields(values.mapping(node, "sysctl", "sysctl: {vm.swappiness: 0}"), "in sysctl", null, problems)
                .entries().values()) {
            String key = scalarText(t.getKeyNode(), "a sysctl key");
            Node valueNode = t.getValueNode();
            String value = YamlValues.isNull(valueNode) ? "" : TuningProfiles.normalise(scalarText(valueNode, "sysctl " + key));
            String problem = TuningProfiles.sysctlProblem(key, value);
            if (problem != null) {
                throw problems.stop(TuningProfiles.sysctlProblem(key, "0") == null ? valueNode : t.getKeyNode(), "sysctl: " + problem, "");
            }
            sysctl.put(key, value);
        }
        return sysctl;
    }

    /** The section's keys, or null when the section is absent or empty: not tuned. */
    private MappingFields section(MappingFields top, String name, List<String> keys) {
        Node node = top.get(name);
        if (node == null || YamlValues.isNull(node)) {
            return null;
        }
        MappingFields section = new MappingFields(values.mapping(node, name, ""), "in " + name, keys, problems);
        return section.entries().isEmpty() ? null : section;
    }

    /** A single value, as text; {@code missingAt} locates the complaint when the key is absent. */
    private String text(Node node, Node missingAt, String what) {
        if (node == null || YamlValues.isNull(node)) {
            throw problems.stop(node == null ? missingAt : node, "'" + what + "' must be a single value", "");
        }
        return scalarText(node, what).strip();
    }

    private String scalarText(Node node, String what) {
        if (!(node instanceof ScalarNode scalar)) {
            throw problems.stop(node, "'" + what + "' must be a single value, not " + YamlValues.describe(node), "");
        }
        if (Tag.BINARY.equals(scalar.getTag())) {
            // Decoded, it would be bytes whose String.valueOf is a Java object name, not the value.
            throw problems.stop(node, "'" + what + "' must be text, not !!binary", "");
        }
        try {
            String text = String.valueOf(scalars.value(scalar));
            // A value's own trailing line break (a block scalar's) is stripped by every reader of it, and a tab is
            // whitespace that sysctl values are normalised from (tcp_rmem); any other control character is refused.
            text.strip().chars().filter(c -> c != '\t' && Templates.lineBreaking(c)).findFirst().ifPresent(c -> {
                throw problems.stop(node, String.format("'%s' contains a control character (U+%04X)", what, c), ONE_LINE);
            });
            return text;
        } catch (YAMLException | IllegalArgumentException e) {
            // an explicit tag SnakeYAML cannot construct the text as (!!timestamp, !!float, ...)
            throw problems.stop(node, "'" + what + "' cannot be read: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), "");
        }
    }

    private Optional<String> optionalWord(MappingFields section, String what, String key) {
        if (section == null || !section.has(key)) {
            return Optional.empty();
        }
        String w = text(section.get(key), section.node(), what);
        if (!WORD.matcher(w).matches()) {
            throw problems.stop(section.get(key), what + ": '" + w + "' is not a kernel setting word", "");
        }
        return Optional.of(w);
    }

    private long number(Node node, Node missingAt, String what, long min, long max) {
        String t = text(node, missingAt, what);
        long n;
        try {
            n = Long.parseLong(t.replace("_", ""));
        } catch (NumberFormatException e) {
            throw problems.stop(node, what + ": '" + t + "' is not a whole number", "");
        }
        if (n < min || n > max) {
            throw problems.stop(node, what + ": " + n + " is outside " + min + ".." + max, "");
        }
        return n;
    }

    /** SnakeYAML's safe reading of one scalar: what a profile's value meant when profiles were loaded into maps. */
    private static final class Scalars extends SafeConstructor {
        Scalars() {
            super(new LoaderOptions());
        }

        Object value(ScalarNode node) {
            return constructObject(node);
        }
    }
}
