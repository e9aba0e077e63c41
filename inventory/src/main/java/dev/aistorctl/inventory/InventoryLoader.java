package dev.aistorctl.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Loads and validates an inventory file. Every problem in the file is found in one pass and
 * reported together, each with {@code file:line:column}, the line at fault and a hint, so a
 * field engineer fixes the file once rather than once per problem.
 *
 * <p>The file is treated as hostile: at most {@link #MAX_BYTES} bytes, strict UTF-8, at most
 * {@link #MAX_COLLECTION_ALIASES} aliases to lists or mappings (an alias bomb expands a few lines
 * into gigabytes). The YAML is only composed into a node tree, never constructed into Java
 * objects, so no tag can instantiate a class; the tree is read against the schema here.
 */
public final class InventoryLoader {
    public static final int MAX_BYTES = 1024 * 1024;
    public static final int MAX_COLLECTION_ALIASES = 16;
    private static final int MAX_NESTING = 24;
    private static final Pattern MINIO_RANGE_IN_FLOW = Pattern.compile("\\{.*[^\"'\\s]\\{[0-9a-z]*\\.\\.\\.");

    private InventoryLoader() {
    }

    /**
     * @throws InvalidInventoryException listing every problem when the file is unreadable or invalid
     */
    public static Inventory load(Path file) {
        SourceText empty = new SourceText(file.toString(), "");
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw single(empty, "no such file", "check the path; relative paths are from the current directory");
        } catch (IOException e) {
            throw single(empty, "cannot read the file: " + e.getClass().getSimpleName(), "check that it is a readable file");
        }
        if (bytes.length > MAX_BYTES) {
            throw single(empty, "file is larger than " + MAX_BYTES + " bytes (1 MiB); an inventory is a few kilobytes",
                    "check that this is the inventory and not a log or binary");
        }
        return parse(file, bytes);
    }

    /** Validates inventory text that claims to come from {@code file}; relative paths resolve against its directory. */
    public static Inventory parse(Path file, byte[] bytes) {
        String label = file.toString();
        String text;
        try {
            text = decode(bytes);
        } catch (MalformedInputException e) {
            throw invalidUtf8(label, bytes);
        } catch (CharacterCodingException e) {
            throw single(new SourceText(label, ""), "the file is not UTF-8 text", "save it as UTF-8");
        }
        SourceText source = new SourceText(label, text);
        ProblemList problems = new ProblemList(source);
        if (!controlCharacters(text, problems)) {
            throw new InvalidInventoryException(problems.list());
        }
        Node root;
        try {
            root = new Composer(new ParserImpl(new StreamReader(new StringReader(text)), options()), new Resolver(), options()).getSingleNode();
        } catch (MarkedYAMLException e) {
            String what = e.getProblem() == null ? "invalid YAML" : e.getProblem();
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            problems.at(mark, "YAML syntax: " + what + context, syntaxHint(text, mark == null ? 0 : mark.getLine() + 1));
            throw new InvalidInventoryException(problems.list());
        } catch (YAMLException e) {
            yamlLimit(text, e, problems);
            throw new InvalidInventoryException(problems.list());
        }
        if (root == null) {
            problems.at(1, 1, "the inventory is empty", "start from inventory/examples/single-node.yaml");
            throw new InvalidInventoryException(problems.list());
        }
        Path base = file.toAbsolutePath().getParent();
        Inventory inventory = new InventoryReader(problems, base, file).read(root);
        if (!problems.isEmpty() || inventory == null) {
            if (problems.isEmpty()) {
                problems.at(1, 1, "the inventory could not be read as version " + InventoryReader.SUPPORTED_VERSION, "");
            }
            throw new InvalidInventoryException(problems.list());
        }
        return inventory;
    }

    /**
     * A quote left open swallows the lines after it, so YAML reports the error lines later;
     * naming the line that opened the quote saves the engineer the hunt.
     */
    private static String syntaxHint(String text, int errorLine) {
        String[] lines = text.split("\r\n|\r|\n", -1);
        // Inside {...} a brace ends the mapping, so an unquoted MinIO range breaks it.
        if (errorLine >= 1 && errorLine <= lines.length && MINIO_RANGE_IN_FLOW.matcher(lines[errorLine - 1]).find()) {
            return "inside { } quote values that hold a MinIO range, e.g. mount: \"/mnt/drive{1...8}\"";
        }
        for (int i = 0; i < Math.min(errorLine, lines.length); i++) {
            String code = lines[i].replace("\\\"", "");
            int hash = code.indexOf(" #");
            String beforeComment = hash >= 0 && code.substring(0, hash).chars().filter(c -> c == '"').count() % 2 == 0
                    ? code.substring(0, hash) : code;
            if (beforeComment.chars().filter(c -> c == '"').count() % 2 == 1) {
                return "line " + (i + 1) + " opens a quote (\") that is not closed on that line";
            }
        }
        return "check indentation (spaces only, no tabs) and quoting on this line or the one before";
    }

    private static LoaderOptions options() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setCodePointLimit(MAX_BYTES + 1);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setProcessComments(false);
        options.setEnumCaseSensitive(true);
        return options;
    }

    private static String decode(byte[] bytes) throws CharacterCodingException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        String text = decoder.decode(ByteBuffer.wrap(bytes)).toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Finds the first bad byte by decoding up to it, so the problem can name its line and column. */
    private static InvalidInventoryException invalidUtf8(String label, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        decoder.decode(in, out, true);
        int badAt = in.position();
        String before = out.flip().toString();
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < before.length(); i++) {
            if (before.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        String shownLine = before.substring(lineStart);
        Problem p = new Problem(label, line, before.length() - lineStart + 1, shownLine + "<?>",
                String.format("invalid UTF-8: byte 0x%02X at offset %d", bytes[badAt] & 0xff, badAt),
                "save the file as UTF-8 (Latin-1 and UTF-16 are not accepted)");
        return new InvalidInventoryException(List.of(p));
    }

    /** Control characters other than tab and line breaks have no place in an inventory and confuse terminals. */
    private static boolean controlCharacters(String text, ProblemList problems) {
        int line = 1;
        int column = 1;
        boolean clean = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                column = 1;
                continue;
            }
            if (Character.isISOControl(c) && c != '\t' && c != '\r' || c == '\u2028' || c == '\u2029') {
                problems.at(line, column, String.format("control character U+%04X in the file", (int) c),
                        "remove it; it may have come from a copy and paste");
                clean = false;
            }
            column++;
        }
        return clean;
    }

    /** Limits are hit in the composer without a position; replay the events to find the alias that crossed one. */
    private static void yamlLimit(String text, YAMLException e, ProblemList problems) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("aliases")) {
            Mark at = null;
            Set<String> collections = new HashSet<>();
            int seen = 0;
            try {
                Parser parser = new ParserImpl(new StreamReader(new StringReader(text)), options());
                while (!parser.checkEvent(Event.ID.StreamEnd)) {
                    Event event = parser.getEvent();
                    if (event instanceof CollectionStartEvent start && start.getAnchor() != null) {
                        collections.add(start.getAnchor());
                    } else if (event instanceof AliasEvent alias && collections.contains(alias.getAnchor())) {
                        if (++seen > MAX_COLLECTION_ALIASES) {
                            at = alias.getStartMark();
                            break;
                        }
                    }
                }
            } catch (YAMLException ignored) {
                // The position is a courtesy; the problem is reported either way.
            }
            problems.at(at, "more than " + MAX_COLLECTION_ALIASES + " aliases to lists or mappings (a YAML alias bomb?)",
                    "an inventory needs no aliases; write the values out");
        } else if (message.contains("Nesting Depth")) {
            problems.at(1, 1, "the YAML is nested deeper than " + MAX_NESTING + " levels", "an inventory is at most five levels deep");
        } else {
            problems.at(1, 1, "the file cannot be read as YAML: " + message, "");
        }
    }

    private static InvalidInventoryException single(SourceText source, String message, String hint) {
        ProblemList problems = new ProblemList(source);
        problems.file(message, hint);
        return new InvalidInventoryException(problems.list());
    }
}
