package dev.aistorctl.playbooks.steps;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.playbooks.Change;
import dev.aistorctl.playbooks.ChangeKey;
import dev.aistorctl.playbooks.Step;
import dev.aistorctl.playbooks.StepContext;
import dev.aistorctl.playbooks.StepParams;
import dev.aistorctl.playbooks.StepPlan;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A file holds exactly the given text with the given mode. Written atomically through the connector, so a
 * crash leaves the old or the new file, never half of one.
 */
public final class FileContent implements Step {
    public static final String TYPE = "file";

    private final String path;
    private final byte[] content;
    private final int mode;

    public FileContent(String path, String content, int mode) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must be absolute: " + path);
        }
        this.path = path;
        this.content = content.getBytes(StandardCharsets.UTF_8);
        this.mode = mode;
    }

    public static FileContent fromParams(StepParams params) {
        params.allowOnly("path", "content", "mode");
        String path = params.string("path");
        if (!path.startsWith("/")) {
            throw params.fail("path", "must be an absolute path, not '" + path + "'");
        }
        String modeText = params.string("mode", "0644");
        int mode;
        try {
            mode = Integer.parseInt(modeText, 8);
        } catch (NumberFormatException e) {
            throw params.fail("mode", "must be an octal file mode such as 0644, not '" + modeText + "'");
        }
        if (mode < 0 || mode > 0777) {
            throw params.fail("mode", "must be between 0000 and 0777, not '" + modeText + "'");
        }
        return new FileContent(path, params.string("content"), mode);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "file " + path;
    }

    @Override
    public StepPlan plan(StepContext context) {
        ExecResult stat = context.run(Command.of("stat", "-c", "%a", "--", path).asRoot());
        List<Change> changes = new ArrayList<>();
        if (!stat.ok()) {
            if (!stat.stderrText().contains("No such file")) {
                context.runChecked(Command.of("stat", "-c", "%a", "--", path).asRoot(), "inspect " + path);
            }
            changes.add(Change.of(ChangeKey.of("file", path), path, null, summary(content) + ", mode " + octal(mode)));
            return StepPlan.changes(describe(), context.host(), changes);
        }
        int currentMode = Integer.parseInt(stat.stdoutText().strip(), 8);
        byte[] current = context.runChecked(Command.of("cat", "--", path).asRoot(), "read " + path).stdout();
        if (!Arrays.equals(current, content)) {
            changes.add(Change.of(ChangeKey.of("file content", path), path + " content", summary(current), summary(content)));
        }
        if (currentMode != mode) {
            changes.add(Change.of(ChangeKey.of("file mode", path), path + " mode", octal(currentMode), octal(mode)));
        }
        return changes.isEmpty()
                ? StepPlan.nothingToDo(describe(), context.host(), "already " + summary(content) + ", mode " + octal(mode))
                : StepPlan.changes(describe(), context.host(), changes);
    }

    @Override
    public void apply(StepContext context, StepPlan plan) {
        context.connector().put(content, path, mode);
    }

    /** Size and digest rather than the text: files can be long and may hold secrets. */
    private static String summary(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return bytes.length + " bytes, sha256 " + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String octal(int mode) {
        return String.format("%04o", mode);
    }
}
