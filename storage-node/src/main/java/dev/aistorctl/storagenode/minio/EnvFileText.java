package dev.aistorctl.storagenode.minio;

/**
 * Values for a systemd {@code EnvironmentFile=}. systemd reads a double-quoted value the way a POSIX
 * shell reads double-quoted text (systemd.exec(5), "EnvironmentFile="): backslash escapes {@code \"},
 * {@code \\}, {@code \$} and {@code \`}. Writing every value that way keeps any password character
 * intact, and the same file reads identically when an operator sources it in a shell to debug.
 */
final class EnvFileText {
    private EnvFileText() {
    }

    /** {@code NAME="value"} with the value escaped; names are ours and fixed. */
    static String assignment(String name, String value) {
        return name + "=" + quote(name, value);
    }

    static String quote(String name, String value) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            // A line break would end the assignment and NUL ends the file's text for systemd; refuse both,
            // naming the variable, never the value, which may be the password.
            if (c == '\n' || c == '\r' || c == '\0') {
                throw new IllegalArgumentException(name + " contains a line break or NUL character, which an environment file cannot hold");
            }
            if (c == '"' || c == '\\' || c == '$' || c == '`') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }
}
