package dev.aistorctl.workflows.inventory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import dev.aistorctl.core.UsageException;

/**
 * Writing an inventory that a command generated ({@code inventory init}, {@code inventory import}):
 * never over a file a person may have filled in, unless asked, and then in one rename so a reader
 * sees the old file or the new one, never half of one.
 */
public final class InventoryFile {
    private InventoryFile() {
    }

    /**
     * Refuses an {@code --out} that exists (without {@code --force}) or whose directory does not.
     *
     * @param command the command, as the message names it: "init"
     */
    public static void checkOut(Path out, boolean force, String command) {
        if (Files.isDirectory(out)) {
            throw new UsageException("--out " + out + " is a directory; name the inventory file to write");
        }
        if (Files.exists(out) && !force) {
            throw exists(out, command);
        }
        Path dir = out.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new UsageException("--out " + out + ": no such directory " + dir);
        }
    }

    /** Writes the text; an existing file only with {@code force}, replaced in one rename. */
    public static void write(Path out, String text, boolean force, String command) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            if (!force) {
                // created only if still absent: a file that appeared meanwhile is not overwritten either
                Files.write(out, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return;
            }
            Path dir = out.toAbsolutePath().getParent();
            Path tmp = Files.createTempFile(dir, "." + out.getFileName() + ".", ".tmp");
            try {
                Files.write(tmp, bytes);
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (FileAlreadyExistsException e) {
            throw exists(out, command);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + out + ": " + e.getMessage(), e);
        }
    }

    private static UsageException exists(Path out, String command) {
        return new UsageException("--out " + out + " exists; " + command + " does not overwrite it (give --force to replace it)");
    }
}
