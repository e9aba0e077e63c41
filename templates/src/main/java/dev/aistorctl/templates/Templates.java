package dev.aistorctl.templates;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;

/**
 * Renders the plain-text files aistorctl writes on hosts (systemd units, env files, sysctl.d, udev
 * rules) from Mustache templates on the classpath under {@code templates/}. The files are config,
 * not HTML, so nothing is HTML-escaped; values are checked by the caller before they get here.
 * {@link #singleLineValues()} checks them once more: a value rendered into a line-based config file
 * (a systemd unit, a udev rule, sysctl.d) that holds a line break would start a directive of its own.
 */
public final class Templates {
    private static final String ROOT = "templates/";

    private final MustacheFactory factory = new ConfigFileMustacheFactory();
    private final Map<String, Mustache> compiled = new ConcurrentHashMap<>();
    private final boolean singleLine;

    public Templates() {
        this(false);
    }

    private Templates(boolean singleLine) {
        this.singleLine = singleLine;
    }

    /** Templates whose every value must be one line without control characters; any other is refused. */
    public static Templates singleLineValues() {
        return new Templates(true);
    }

    /**
     * Renders template {@code name} (e.g. {@code "minio.service"}) with the given values.
     *
     * @throws IllegalArgumentException for singleLineValues templates, when a value holds a line break or control character
     */
    public String render(String name, Map<String, ?> values) {
        if (singleLine) {
            values.forEach((key, value) -> checkLine(name, key, value));
        }
        Mustache template = compiled.computeIfAbsent(name, this::compile);
        StringWriter out = new StringWriter();
        template.execute(out, values);
        return out.toString();
    }

    private static void checkLine(String template, String key, Object value) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> checkLine(template, key + "." + k, v));
        } else if (value instanceof Iterable<?> items) {
            items.forEach(v -> checkLine(template, key, v));
        } else if (value != null) {
            String text = value.toString();
            for (int i = 0; i < text.length(); i++) {
                int c = text.charAt(i);
                if (lineBreaking(c)) {
                    throw new IllegalArgumentException(String.format("template %s: value '%s' contains a control character (U+%04X); "
                            + "values must be one line", template, key, c));
                }
            }
        }
    }

    /** C0 and C1 controls (line feed, carriage return, escape, NEL, ...), DEL, and the Unicode line and paragraph separators. */
    public static boolean lineBreaking(int c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }

    private Mustache compile(String name) {
        InputStream in = Templates.class.getClassLoader().getResourceAsStream(ROOT + name);
        if (in == null) {
            throw new IllegalArgumentException("no template named '" + name + "' under " + ROOT);
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return factory.compile(reader, name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + name, e);
        }
    }

    /** Mustache escapes for HTML by default; config files need the text exactly as given. */
    private static final class ConfigFileMustacheFactory extends DefaultMustacheFactory {
        @Override
        public void encode(String value, java.io.Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
