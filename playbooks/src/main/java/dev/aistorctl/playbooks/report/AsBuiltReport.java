package dev.aistorctl.playbooks.report;

import dev.aistorctl.core.InvalidConfigException;
import dev.aistorctl.templates.Templates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * The as-built document handed to the customer: one self-contained HTML file (inline CSS and SVG, nothing fetched),
 * built from a provision run. Every value is redacted and HTML-escaped in one pass over the model; the markup is
 * all in the template {@code report/as-built.html}.
 */
public final class AsBuiltReport {
    public static final String TEMPLATE = "report/as-built.html";
    public static final String DEFAULT_FILE = "report.html";

    private final Templates templates = new Templates();

    public String render(ProvisionRun run, Instant generated) {
        Object safe = Html.escapeTree(Redaction.tree(ReportModel.of(run, generated)));
        @SuppressWarnings("unchecked")
        Map<String, Object> model = (Map<String, Object>) safe;
        return templates.render(TEMPLATE, model);
    }

    public Path write(ProvisionRun run, Path file) {
        String html = render(run, Instant.now());
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidConfigException("cannot write the report " + file + ": " + e.getMessage(), e);
        }
        return file;
    }
}
