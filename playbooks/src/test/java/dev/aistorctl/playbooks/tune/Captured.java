package dev.aistorctl.playbooks.tune;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Builds read-script output as a host prints it, so plans can be computed without a host. */
final class Captured {
    private final StringBuilder out = new StringBuilder();

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    Captured sysctl(String key, String value) {
        return value("sysctl " + key, SysctlPaths.path(key), "ok", value, "");
    }

    Captured refused(String key, String value, String shellError) {
        return value("sysctl " + key, SysctlPaths.path(key), "refused", value, shellError);
    }

    Captured absent(String key) {
        out.append("V\tsysctl ").append(key).append('\t').append(SysctlPaths.path(key)).append("\tabsent\t\t\n");
        return this;
    }

    Captured value(String tag, String path, String state, String value, String error) {
        out.append("V\t").append(tag).append('\t').append(path).append('\t').append(state).append('\t')
                .append(b64(value)).append('\t').append(b64(error)).append('\n');
        return this;
    }

    Captured file(String path, String content) {
        out.append("F\t").append(path).append('\t').append(content == null ? "-" : "+" + b64(content)).append('\n');
        return this;
    }

    Captured link(String path, String target) {
        out.append("L\t").append(path).append('\t').append(target == null ? "-" : "+" + target).append('\n');
        return this;
    }

    Captured output(String tag, int exit, String text) {
        out.append("X\t").append(tag).append('\t').append(exit).append('\t').append(b64(text)).append('\n');
        return this;
    }

    String text() {
        return out.toString();
    }

    ObservedState state() {
        return ObservedState.parse("node1", text());
    }
}
