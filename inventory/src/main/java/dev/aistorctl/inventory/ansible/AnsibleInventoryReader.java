package dev.aistorctl.inventory.ansible;

import dev.aistorctl.core.config.InvalidConfigFileException;
import dev.aistorctl.core.config.Problem;
import dev.aistorctl.core.config.Problems;
import dev.aistorctl.core.config.SourceText;
import dev.aistorctl.core.config.YamlDocument;
import dev.aistorctl.core.config.YamlReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reads a static Ansible inventory file, INI or YAML as Ansible tells them apart: {@code .yml},
 * {@code .yaml} and {@code .json} are YAML, anything else INI. What only Ansible can run stops the
 * read with where and how to get a static file from it: an inventory script ({@code #!}), a plugin
 * configuration ({@code plugin:}), a script's {@code --list} output, a TOML or binary file, a directory.
 * The {@code group_vars/} and {@code host_vars/} beside the file are read too ({@link AnsibleVarsFiles}).
 */
public final class AnsibleInventoryReader {
    static final String KIND = "Ansible inventory";
    private static final YamlReader YAML = YamlReader.of(KIND);

    /** @param warnings what was read but is not used, each located */
    public record Read(AnsibleInventory inventory, List<Problem> warnings) {
    }

    private AnsibleInventoryReader() {
    }

    /** @throws InvalidConfigFileException with every problem, located, when the file cannot be imported */
    public static Read read(Path file) {
        String label = file.toString();
        if (Files.isDirectory(file)) {
            throw stop(label, "a directory: Ansible reads every file in it as an inventory source",
                    "import one file of it, or merge them with ansible-inventory -i " + label + " --list --yaml > static.yml");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(YamlReader.MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw stop(label, "no such file", "check the path; relative paths are from the current directory");
        } catch (IOException e) {
            throw stop(label, "cannot read the file: " + e.getClass().getSimpleName(), "check that it is a readable file");
        }
        Read read = read(label, bytes);
        List<Problem> more = AnsibleVarsFiles.read(file.getParent() == null ? Path.of("") : file.getParent(), read.inventory());
        if (more.isEmpty()) {
            return read;
        }
        List<Problem> warnings = new java.util.ArrayList<>(read.warnings());
        warnings.addAll(more);
        return new Read(read.inventory(), warnings);
    }

    /** Reads bytes that claim to come from the file named {@code label}. */
    public static Read read(String label, byte[] bytes) {
        String lower = label.toLowerCase(Locale.ROOT);
        String dynamic = "write its hosts to a static file with ansible-inventory -i " + label + " --list --yaml > static.yml, then import static.yml";
        if (bytes.length > YamlReader.MAX_BYTES) {
            throw stop(label, "file is larger than 1 MiB; an inventory is a few kilobytes", "check that this is the inventory");
        }
        if (bytes.length >= 2 && bytes[0] == '#' && bytes[1] == '!') {
            String shebang = new String(bytes, 0, Math.min(bytes.length, 80), StandardCharsets.UTF_8).lines().findFirst().orElse("");
            Problems p = Problems.collecting(new SourceText(label, shebang));
            p.at(1, 1, "a dynamic inventory script (" + shebang.strip() + "): its hosts exist only when Ansible runs it", dynamic);
            throw InvalidConfigFileException.all(p.list(), KIND);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw stop(label, "not a text file (an executable inventory script or plugin?)", dynamic);
        }
        if (text.indexOf('\0') >= 0) {
            throw stop(label, "not a text file (an executable inventory script or plugin?)", dynamic);
        }
        if (lower.endsWith(".toml")) {
            throw stop(label, "a TOML inventory: only INI and YAML are read", "convert it: ansible-inventory -i " + label + " --list --yaml > static.yml");
        }
        if (lower.endsWith(".yml") || lower.endsWith(".yaml") || lower.endsWith(".json")) {
            YamlDocument document = YAML.parse(label, text);
            Problems problems = document.collecting();
            Problems warnings = document.collecting();
            if (lower.endsWith(".json") && text.contains("\"_meta\"")) {
                problems.at(1, 1, "the output of an inventory script (ansible-inventory --list JSON), not an inventory file",
                        "write it as an inventory: ansible-inventory -i SOURCE --list --yaml > static.yml");
                throw InvalidConfigFileException.all(problems.list(), KIND);
            }
            AnsibleInventory inventory = AnsibleYamlReader.read(document, problems, warnings);
            return done(inventory, problems, warnings);
        }
        SourceText source = new SourceText(label, text.startsWith("\uFEFF") ? text.substring(1) : text);
        Problems problems = Problems.collecting(source);
        Problems warnings = Problems.collecting(source);
        AnsibleInventory inventory = AnsibleIniReader.read(label, text.startsWith("\uFEFF") ? text.substring(1) : text, problems);
        return done(inventory, problems, warnings);
    }

    private static Read done(AnsibleInventory inventory, Problems problems, Problems warnings) {
        if (!problems.isEmpty()) {
            throw InvalidConfigFileException.all(problems.list(), KIND);
        }
        return new Read(inventory, warnings.list());
    }

    private static InvalidConfigFileException stop(String label, String message, String hint) {
        Problems p = Problems.collecting(new SourceText(label, ""));
        p.file(message, hint);
        return InvalidConfigFileException.all(p.list(), KIND);
    }
}
