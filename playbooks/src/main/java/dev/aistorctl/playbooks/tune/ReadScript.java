package dev.aistorctl.playbooks.tune;

import static dev.aistorctl.core.ShellQuote.quote;

import dev.aistorctl.core.Command;

/**
 * One shell script that reads every value a step needs, so a step costs one round trip however many
 * settings it covers (a converged re-run is mostly these reads). Each item prints one tab-separated line;
 * a value travels as itself when it is printable ASCII without tabs, else base64-encoded so tabs, newlines and odd
 * bytes survive. {@link ObservedState} parses the output.
 *
 * <p>Paths and globs are fixed text of ours; wanted values come from a checked profile and are quoted.
 */
final class ReadScript {
    // A converged re-run is mostly this script, on every host at once, so the common case starts no process but the
    // one cat per value (cat, not the shell's read, because only cat tells a failed read from an empty value):
    // e: a string as it travels: "=" and the text when it is printable ASCII without tabs, else base64 of it (b,
    // which starts base64 and tr). v: a value file (sysctl or sysfs): state ok|absent|unreadable|refused; runs of tabs
    // and spaces squeezed to one space (tr, only when there are such runs).
    // For a value that differs from the wanted one, "probe" writes the value it holds now back (which
    // changes nothing) to learn whether this host lets it be set at all: in a container the global
    // sysctls fail with EROFS/EPERM/EINVAL, and only a write tells. "access" asks access(2) instead,
    // which is enough for read-only sysfs mounts and writes nothing.
    private static final String FUNCTIONS = """
            b() { printf '%s' "$1" | base64 | tr -d '\\n'; }
            e() { case $1 in '') ;; *[!\\ -~]*) b "$1" ;; *) printf '=%s' "$1" ;; esac; }
            v() {
              if [ ! -e "$2" ]; then printf 'V\\t%s\\t%s\\tabsent\\t\\t\\n' "$1" "$2"; return; fi
              if ! raw=$(cat "$2" 2>/dev/null); then printf 'V\\t%s\\t%s\\tunreadable\\t\\t\\n' "$1" "$2"; return; fi
              case $raw in *"\t"*|*"  "*) cur=$(printf '%s' "$raw" | tr -s '\\t ' '  ') ;; *) cur=$raw ;; esac
              st=ok; err=
              if [ "$cur" != "$3" ]; then
                if [ "$4" = probe ]; then
                  err=$(printf '%s\\n' "$raw" 2>&1 > "$2") || st=refused
                elif [ ! -w "$2" ]; then
                  st=refused; err="read-only here"
                fi
              fi
              printf 'V\\t%s\\t%s\\t%s\\t' "$1" "$2" "$st"; e "$cur"; printf '\\t'; e "$err"; printf '\\n'
            }
            f() { if [ -f "$1" ]; then printf 'F\\t%s\\t+%s\\n' "$1" "$(base64 < "$1" | tr -d '\\n')"; else printf 'F\\t%s\\t-\\n' "$1"; fi; }
            l() { if [ -L "$1" ]; then printf 'L\\t%s\\t+%s\\n' "$1" "$(readlink "$1")"; else printf 'L\\t%s\\t-\\n' "$1"; fi; }
            x() { t=$1; shift; o=$("$@" 2>&1); rc=$?; printf 'X\\t%s\\t%s\\t' "$t" "$rc"; e "$o"; printf '\\n'; }
            """;

    private final StringBuilder body = new StringBuilder();

    /** A sysctl key, read from /proc/sys and probed by writing its own value back when it differs from {@code want}. */
    ReadScript sysctl(String key, String want) {
        body.append("v ").append(quote("sysctl " + key)).append(' ').append(quote(SysctlPaths.path(key)))
                .append(' ').append(quote(want)).append(" probe\n");
        return this;
    }

    /** One sysfs attribute; {@code want} is compared as printed (bracketed choices never compare equal). */
    ReadScript sysfs(String tag, String path, String want) {
        body.append("v ").append(quote(tag)).append(' ').append(quote(path)).append(' ').append(quote(want)).append(" access\n");
        return this;
    }

    /** Every existing file matching {@code glob} (fixed text of ours, expanded by the shell), tagged alike. */
    ReadScript sysfsGlob(String tag, String glob, String want) {
        body.append("for p in ").append(glob).append("; do [ -e \"$p\" ] && v ").append(quote(tag)).append(" \"$p\" ")
                .append(quote(want)).append(" access; done\n");
        return this;
    }

    ReadScript file(String path) {
        body.append("f ").append(quote(path)).append('\n');
        return this;
    }

    ReadScript link(String path) {
        body.append("l ").append(quote(path)).append('\n');
        return this;
    }

    /** A command whose output and exit code the step parses; a missing tool is just a non-zero exit. */
    ReadScript command(String tag, String... argv) {
        body.append("x ").append(quote(tag));
        for (String a : argv) {
            body.append(' ').append(quote(a));
        }
        body.append('\n');
        return this;
    }

    /** Free shell text of ours, e.g. a loop over interfaces. */
    ReadScript raw(String shell) {
        body.append(shell).append('\n');
        return this;
    }

    String text() {
        return FUNCTIONS + body;
    }

    Command command() {
        return Command.script(text()).withEnv("LC_ALL", "C").asRoot();
    }
}
