package dev.aistorctl.playbooks.tune;

import static dev.aistorctl.core.ShellQuote.quote;

import dev.aistorctl.core.Command;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One shell script that makes all of a step's changes, so applying costs one round trip. It stops at the
 * first failure and says which value or file it could not set. Files are written to a temporary name and
 * renamed, so a host never holds half a file; a temporary file that could not be completed (a full /etc) is
 * removed, not left beside the old one.
 */
final class ChangeScript {
    private static final String FUNCTIONS = """
            set -e
            w() { printf '%s\\n' "$2" > "$1" || { echo "cannot set $1 to $2" >&2; exit 1; }; }
            p() { mkdir -p "$(dirname "$1")"; t="$1.aistorctl-new"
              if printf '%s' "$2" | base64 -d > "$t" && chmod 0644 "$t" && mv -f "$t" "$1"; then :; else
                rm -f -- "$t"; echo "cannot write $1 (the old file is kept)" >&2; exit 1; fi; }
            """;

    private final StringBuilder body = new StringBuilder();
    private boolean empty = true;

    ChangeScript value(String path, String value) {
        return line("w " + quote(path) + " " + quote(value));
    }

    ChangeScript file(String path, String content) {
        String b64 = Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8));
        return line("p " + quote(path) + " " + quote(b64));
    }

    ChangeScript remove(String path) {
        return line("rm -f -- " + quote(path));
    }

    ChangeScript link(String path, String target) {
        return line("mkdir -p " + quote(path.substring(0, path.lastIndexOf('/'))) + "; ln -sfn " + quote(target) + " " + quote(path));
    }

    ChangeScript mtu(String iface, String mtu) {
        return line("ip link set dev " + quote(iface) + " mtu " + quote(mtu));
    }

    /** Shell text of ours, e.g. telling systemd or udev to reread their files. */
    ChangeScript raw(String shell) {
        return line(shell);
    }

    private ChangeScript line(String shell) {
        body.append(shell).append('\n');
        empty = false;
        return this;
    }

    boolean isEmpty() {
        return empty;
    }

    String text() {
        return FUNCTIONS + body;
    }

    Command command() {
        return Command.script(text()).withEnv("LC_ALL", "C").asRoot();
    }
}
