package dev.aistorctl.core.config;

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
import java.util.ArrayDeque;
import java.util.Deque;
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
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The one way aistorctl reads a YAML configuration file (inventory, hardware profile, playbook,
 * tuning profile). The file is treated as hostile: at most {@link #MAX_BYTES} bytes, strict UTF-8,
 * no control characters, at most {@link #MAX_COLLECTION_ALIASES} aliases to lists or mappings (an
 * alias bomb expands a few lines into gigabytes), at most {@link #MAX_SCALAR_ALIASES} aliases to plain
 * values (each alias hands the reader of the tree the whole value again: 110,000 aliases of a 200 KB value
 * are 22 GB of text to check), at most {@link #MAX_NESTING} levels. The YAML is
 * only composed into a node tree, never constructed into Java objects, so no tag can instantiate a
 * class, and every value keeps its position for the reader of the tree to report
 * {@code file:line:col}. Duplicate keys are the tree reader's to refuse ({@link MappingFields}):
 * SnakeYAML checks them only while constructing objects.
 *
 * <p>A file that cannot be read as YAML throws {@link InvalidConfigFileException} listing every
 * problem, each with its position, the line at fault and a hint.
 */
public final class YamlReader {
    public static final int MAX_BYTES = 1024 * 1024;
    public static final int MAX_COLLECTION_ALIASES = 16;
    public static final int MAX_NESTING = 24;
    /**
     * SnakeYAML bounds only aliases to collections; an alias to a plain value costs nothing to compose but
     * is read, checked and copied by the tree's reader once per alias. No configuration file needs many.
     */
    public static final int MAX_SCALAR_ALIASES = 16;
    private static final Pattern MINIO_RANGE_IN_FLOW = Pattern.compile("\\{.*[^\"'\\s]\\{[0-9a-z]*\\.\\.\\.");

    private final String kind;

    private YamlReader(String kind) {
        this.kind = kind;
    }

    /** @param kind what the files are, as problems name them: "inventory", "tuning profile" */
    public static YamlReader of(String kind) {
        return new YamlReader(kind);
    }

    /** The options every composition uses: the limits above, duplicate keys and recursive keys refused. */
    public static LoaderOptions loaderOptions() {
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

    /**
     * Reads at most {@link #MAX_BYTES} + 1 bytes of {@code file} and composes them; problems name the
     * file as given.
     *
     * @throws NoSuchFileException for the caller to word: a missing playbook is a usage error, a
     *                             missing inventory a problem with the inventory
     */
    public YamlDocument read(Path file) throws NoSuchFileException {
        String label = file.toString();
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            throw wholeFile(label, "cannot read the file: " + e.getClass().getSimpleName(), "check that it is a readable file");
        }
        return parse(label, bytes);
    }

    /** Composes bytes that claim to come from the file named {@code label}. */
    public YamlDocument parse(String label, byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw tooLarge(label);
        }
        String text;
        try {
            text = decode(bytes);
        } catch (MalformedInputException e) {
            throw invalidUtf8(label, bytes);
        } catch (CharacterCodingException e) {
            throw wholeFile(label, "the file is not UTF-8 text", "save it as UTF-8");
        }
        return compose(label, text);
    }

    /** Composes text already decoded, such as a built-in file read from the classpath. */
    public YamlDocument parse(String label, String text) {
        if (text.length() > MAX_BYTES) {
            throw tooLarge(label);
        }
        return compose(label, text.startsWith("\uFEFF") ? text.substring(1) : text);
    }

    private YamlDocument compose(String label, String text) {
        SourceText source = new SourceText(label, text);
        Problems problems = Problems.collecting(source);
        if (!controlCharacters(text, problems)) {
            throw failure(problems);
        }
        try {
            Parser parser = new ScalarAliasLimit(new ParserImpl(new StreamReader(new StringReader(text)), loaderOptions()));
            Node root = new Composer(parser, new Resolver(), loaderOptions()).getSingleNode();
            return new YamlDocument(source, root);
        } catch (RecursiveAlias e) {
            problems.at(e.at, "alias *" + e.anchor + " is inside the list or mapping &" + e.anchor + " names: it would contain itself",
                    "write the values out instead of the alias");
        } catch (TooManyScalarAliases e) {
            problems.at(e.at, "more than " + MAX_SCALAR_ALIASES + " aliases to plain values", a() + " needs no aliases; write the values out");
        } catch (MarkedYAMLException e) {
            String what = e.getProblem() == null ? "invalid YAML" : e.getProblem();
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            problems.at(mark, "not valid YAML syntax: " + what + context, syntaxHint(source, mark == null ? 0 : mark.getLine() + 1));
        } catch (YAMLException e) {
            limit(text, e, problems);
        }
        throw failure(problems);
    }

    /**
     * A quote left open swallows the lines after it, so YAML reports the error lines later;
     * naming the line that opened the quote saves the engineer the hunt.
     */
    private static String syntaxHint(SourceText source, int errorLine) {
        String[] lines = source.lines();
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

    private static String decode(byte[] bytes) throws CharacterCodingException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        String text = decoder.decode(ByteBuffer.wrap(bytes)).toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Finds the first bad byte by decoding up to it, so the problem can name its line and column. */
    private InvalidConfigFileException invalidUtf8(String label, byte[] bytes) {
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
        return InvalidConfigFileException.all(List.of(p), kind);
    }

    /** Control characters other than tab and line breaks have no place in a configuration file and confuse terminals. */
    private static boolean controlCharacters(String text, Problems problems) {
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
    private void limit(String text, YAMLException e, Problems problems) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("aliases")) {
            Mark at = null;
            Set<String> collections = new HashSet<>();
            int seen = 0;
            try {
                Parser parser = new ParserImpl(new StreamReader(new StringReader(text)), loaderOptions());
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
                    a() + " needs no aliases; write the values out");
        } else if (message.contains("Nesting Depth")) {
            problems.at(1, 1, "the YAML is nested deeper than " + MAX_NESTING + " levels", a() + " is only a few levels deep");
        } else {
            problems.at(1, 1, "the file cannot be read as YAML: " + message, "");
        }
    }

    private InvalidConfigFileException tooLarge(String label) {
        return wholeFile(label, "file is larger than " + MAX_BYTES + " bytes (1 MiB); " + a() + " is a few kilobytes",
                "check that this is the " + kind + " and not a log or binary");
    }

    private InvalidConfigFileException wholeFile(String label, String message, String hint) {
        Problems problems = Problems.collecting(new SourceText(label, ""));
        problems.file(message, hint);
        return failure(problems);
    }

    private InvalidConfigFileException failure(Problems problems) {
        return InvalidConfigFileException.all(problems.list(), kind);
    }

    /** "an inventory", "a playbook". */
    private String a() {
        return ("aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind;
    }

    /** Thrown while composing, so the composer never sees the alias that crossed the limit. */
    private static final class TooManyScalarAliases extends RuntimeException {
        final transient Mark at;

        TooManyScalarAliases(Mark at) {
            super(null, null, false, false);
            this.at = at;
        }
    }

    /**
     * An alias inside the very list or mapping its anchor names ({@code a: &a {<<: *a}}): SnakeYAML composes
     * a node that contains itself, and every reader that walks it recurses until the stack overflows.
     */
    private static final class RecursiveAlias extends RuntimeException {
        final transient Mark at;
        final String anchor;

        RecursiveAlias(Mark at, String anchor) {
            super(null, null, false, false);
            this.at = at;
            this.anchor = anchor;
        }
    }

    /**
     * Watches the aliases as the composer takes the events: counts those to anchored scalars and stops at
     * the limit, and refuses an alias to a list or mapping that is still open around it.
     */
    private static final class ScalarAliasLimit implements Parser {
        private final Parser parser;
        private final Set<String> scalars = new HashSet<>();
        /** The anchor of every list or mapping open at this point, innermost last ("" for none). */
        private final Deque<String> open = new ArrayDeque<>();
        private int seen;

        ScalarAliasLimit(Parser parser) {
            this.parser = parser;
        }

        @Override
        public boolean checkEvent(Event.ID choice) {
            return parser.checkEvent(choice);
        }

        @Override
        public Event peekEvent() {
            return parser.peekEvent();
        }

        @Override
        public Event getEvent() {
            Event event = parser.getEvent();
            if (event instanceof ScalarEvent scalar && scalar.getAnchor() != null) {
                scalars.add(scalar.getAnchor());
            } else if (event instanceof CollectionStartEvent start) {
                open.addLast(start.getAnchor() == null ? "" : start.getAnchor());
                if (start.getAnchor() != null) {
                    scalars.remove(start.getAnchor());
                }
            } else if (event instanceof CollectionEndEvent) {
                open.pollLast();
            } else if (event instanceof AliasEvent alias) {
                if (open.contains(alias.getAnchor()) && !scalars.contains(alias.getAnchor())) {
                    throw new RecursiveAlias(alias.getStartMark(), alias.getAnchor());
                }
                if (scalars.contains(alias.getAnchor()) && ++seen > MAX_SCALAR_ALIASES) {
                    throw new TooManyScalarAliases(alias.getStartMark());
                }
            }
            return event;
        }
    }
}
