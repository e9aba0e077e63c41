package dev.aistorctl.inventory;

import dev.aistorctl.core.InvalidConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where a secret is kept, never the secret itself: an environment variable or a file. The value is
 * read only by {@link #resolve()}, when it is about to be used, so an inventory can be validated
 * on a laptop that does not hold the production password, and no object built from an inventory
 * can print it. {@link #toString()} names the reference only.
 */
public final class SecretRef {
    private final String variable;
    private final Path file;

    private SecretRef(String variable, Path file) {
        this.variable = variable;
        this.file = file;
    }

    public static SecretRef env(String variable) {
        return new SecretRef(Objects.requireNonNull(variable), null);
    }

    public static SecretRef file(Path file) {
        return new SecretRef(null, Objects.requireNonNull(file));
    }

    public boolean fromEnvironment() {
        return variable != null;
    }

    /** The environment variable's name, or null for a file reference. */
    public String variable() {
        return variable;
    }

    /** The file's path, or null for an environment reference. */
    public Path path() {
        return file;
    }

    public String resolve() {
        return resolve(System::getenv);
    }

    /**
     * Reads the secret: the variable's value, or the file's content less one trailing line break
     * (editors add one; a password never ends in one).
     *
     * @throws InvalidConfigException when the variable is unset or empty, or the file unreadable or empty
     */
    public String resolve(Function<String, String> environment) {
        String value;
        if (variable != null) {
            value = environment.apply(variable);
            if (value == null || value.isEmpty()) {
                throw new InvalidConfigException("secret " + this + ": environment variable " + variable + " is not set");
            }
            return value;
        }
        try {
            value = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidConfigException("secret " + this + ": cannot read the file (" + e.getClass().getSimpleName() + ")");
        }
        if (value.endsWith("\r\n")) {
            value = value.substring(0, value.length() - 2);
        } else if (value.endsWith("\n")) {
            value = value.substring(0, value.length() - 1);
        }
        if (value.isEmpty()) {
            throw new InvalidConfigException("secret " + this + ": the file is empty");
        }
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecretRef other && Objects.equals(variable, other.variable) && Objects.equals(file, other.file);
    }

    @Override
    public int hashCode() {
        return Objects.hash(variable, file);
    }

    @Override
    public String toString() {
        return variable != null ? "env:" + variable : "file:" + file;
    }
}
