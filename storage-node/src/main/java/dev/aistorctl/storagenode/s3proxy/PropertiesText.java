package dev.aistorctl.storagenode.s3proxy;

/**
 * Values for a {@code java.util.Properties} file, which S3Proxy reads with
 * {@code Properties.load(InputStream)}: ISO-8859-1, backslash escapes, leading blanks dropped.
 * Escaping backslashes, control characters, a leading blank and everything outside ASCII keeps
 * any credential intact.
 */
final class PropertiesText {
    private PropertiesText() {
    }

    static String assignment(String key, String value) {
        return key + "=" + escape(value);
    }

    static String escape(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\f' -> out.append("\\f");
                // A leading blank would be dropped. '=', ':', '#' and '!' are only special in keys and at
                // the start of a line, never inside a value, so values stay readable (http://0.0.0.0:9000).
                case ' ' -> out.append(i == 0 ? "\\ " : " ");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
