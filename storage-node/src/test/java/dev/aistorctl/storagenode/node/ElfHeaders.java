package dev.aistorctl.storagenode.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The first bytes of ELF executables, as a linker writes them: enough for anything that reads only the header. */
public final class ElfHeaders {
    private ElfHeaders() {
    }

    /** A 64-byte ELF64 header, e_type EXEC, for {@code machine} in the given byte order. */
    public static byte[] header(int bits, boolean littleEndian, int machine) {
        byte[] h = new byte[64];
        h[0] = 0x7f;
        h[1] = 'E';
        h[2] = 'L';
        h[3] = 'F';
        h[4] = (byte) (bits == 64 ? 2 : 1);
        h[5] = (byte) (littleEndian ? 1 : 2);
        h[6] = 1; // EV_CURRENT
        put16(h, 16, 2, littleEndian); // ET_EXEC
        put16(h, 18, machine, littleEndian);
        return h;
    }

    public static byte[] x86_64() {
        return header(64, true, ElfMachine.EM_X86_64);
    }

    public static byte[] aarch64() {
        return header(64, true, ElfMachine.EM_AARCH64);
    }

    public static Path write(Path file, byte[] content) throws IOException {
        Files.write(file, content);
        return file;
    }

    private static void put16(byte[] b, int at, int value, boolean littleEndian) {
        b[at + (littleEndian ? 0 : 1)] = (byte) value;
        b[at + (littleEndian ? 1 : 0)] = (byte) (value >> 8);
    }
}
