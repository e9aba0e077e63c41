package dev.aistorctl.storagenode.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** SHA-256 of binaries, as {@code sha256sum} prints it on the host: 64 lower-case hex characters. */
public final class Sha256 {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Map<FileVersion, String> FILES = new ConcurrentHashMap<>();

    private Sha256() {
    }

    public static String of(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /**
     * The file's digest, remembered by path, size and modification time for this process: every step of
     * every host asks for the digest of the same binary, tens of megabytes each time.
     */
    public static String of(Path file) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return FILES.computeIfAbsent(new FileVersion(file.toAbsolutePath().normalize(), a.size(), a.lastModifiedTime()),
                v -> read(file));
    }

    private record FileVersion(Path path, long size, FileTime modified) {
    }

    private static String read(Path file) {
        MessageDigest d = digest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                d.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(d.digest());
    }

    /** The digest from one line of {@code sha256sum FILE} output, or empty text when there is none. */
    public static String fromSha256sum(String output) {
        String first = output.strip().split("\\s+", 2)[0];
        return HEX.matcher(first).matches() ? first : "";
    }

    /** The first 12 characters, enough to tell builds apart in a table. */
    public static String shortForm(String sha256) {
        return sha256.length() > 12 ? sha256.substring(0, 12) : sha256;
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
