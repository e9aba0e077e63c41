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
 */
public final class Templates {
    private static final String ROOT = "templates/";

    private final MustacheFactory factory = new ConfigFileMustacheFactory();
    private final Map<String, Mustache> compiled = new ConcurrentHashMap<>();

    /** Renders template {@code name} (e.g. {@code "minio.service"}) with the given values. */
    public String render(String name, Map<String, ?> values) {
        Mustache template = compiled.computeIfAbsent(name, this::compile);
        StringWriter out = new StringWriter();
        template.execute(out, values);
        return out.toString();
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
