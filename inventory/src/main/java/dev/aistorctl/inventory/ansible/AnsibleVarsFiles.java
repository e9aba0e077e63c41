package dev.aistorctl.inventory.ansible;

import dev.aistorctl.core.config.InvalidConfigFileException;
import dev.aistorctl.core.config.Problem;
import dev.aistorctl.core.config.Problems;
import dev.aistorctl.core.config.SourceText;
import dev.aistorctl.core.config.YamlDocument;
import dev.aistorctl.core.config.YamlReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code group_vars/} and {@code host_vars/} directories beside an inventory file, where most
 * sites keep {@code ansible_user} and the key: {@code group_vars/NAME} (no extension, {@code .yml},
 * {@code .yaml}, {@code .json}) or a directory {@code group_vars/NAME/} of such files, read in name
 * order. A file for a group or host the inventory does not have is not read, as in Ansible; a file
 * encrypted whole with ansible-vault is named and not read (it holds secrets, which are never
 * carried over anyway).
 */
final class AnsibleVarsFiles {
    private static final YamlReader YAML = YamlReader.of("Ansible variables file");
    private static final int MAX_FILES = 1000;

    private AnsibleVarsFiles() {
    }

    /** Adds the variables to the inventory; returns the warnings, or throws every problem found. */
    static List<Problem> read(Path dir, AnsibleInventory inventory) {
        List<Problem> problems = new ArrayList<>();
        List<Problem> warnings = new ArrayList<>();
        for (String kind : List.of("group_vars", "host_vars")) {
            Path base = dir.resolve(kind);
            if (!Files.isDirectory(base)) {
                continue;
            }
            List<String> names = kind.equals("group_vars") ? inventory.groupNames() : inventory.hosts();
            for (String name : names) {
                for (Path file : files(base, name)) {
                    for (AnsibleVar v : vars(file, problems, warnings)) {
                        if (kind.equals("group_vars")) {
                            inventory.setGroupFileVar(name, v);
                        } else {
                            inventory.setHostFileVar(name, v);
                        }
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw InvalidConfigFileException.all(problems, AnsibleInventoryReader.KIND);
        }
        return warnings;
    }

    /** {@code NAME}, {@code NAME.yml}, {@code NAME.yaml}, {@code NAME.json}, and the files below {@code NAME/} in name order. */
    private static List<Path> files(Path base, String name) {
        List<Path> out = new ArrayList<>();
        for (String ext : List.of("", ".yml", ".yaml", ".json")) {
            Path f = base.resolve(name + ext);
            if (Files.isRegularFile(f)) {
                out.add(f);
            }
        }
        Path sub = base.resolve(name);
        if (Files.isDirectory(sub)) {
            try (Stream<Path> walk = Files.walk(sub, 8)) {
                walk.filter(Files::isRegularFile).filter(AnsibleVarsFiles::varsName).sorted().limit(MAX_FILES).forEach(out::add);
            } catch (IOException e) {
                // an unreadable directory is reported by the file reads that follow, or has nothing to read
            }
        }
        return out;
    }

    private static boolean varsName(Path p) {
        String n = p.getFileName().toString();
        return !n.startsWith(".") && (n.endsWith(".yml") || n.endsWith(".yaml") || n.endsWith(".json") || !n.contains("."));
    }

    private static List<AnsibleVar> vars(Path file, List<Problem> problems, List<Problem> warnings) {
        String label = file.toString();
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(YamlReader.MAX_BYTES + 1);
        } catch (IOException e) {
            problems.add(new Problem(label, 0, 0, "", "cannot read the file: " + e.getClass().getSimpleName(), "check that it is readable"));
            return List.of();
        }
        if (new String(bytes, 0, Math.min(bytes.length, 16), StandardCharsets.UTF_8).startsWith("$ANSIBLE_VAULT")) {
            warnings.add(new Problem(label, 0, 0, "", "encrypted with ansible-vault: not read (its secrets are not carried over)", ""));
            return List.of();
        }
        try {
            YamlDocument document = YAML.parse(label, bytes);
            Problems p = document.collecting();
            Problems w = Problems.collecting(new SourceText(label, new String(bytes, StandardCharsets.UTF_8)));
            List<AnsibleVar> vars = AnsibleYamlReader.varsFile(document, p, w);
            problems.addAll(p.list());
            warnings.addAll(w.list());
            return vars;
        } catch (InvalidConfigFileException e) {
            problems.addAll(e.problems());
            return List.of();
        }
    }
}
