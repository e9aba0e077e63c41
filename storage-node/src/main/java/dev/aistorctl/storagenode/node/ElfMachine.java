package dev.aistorctl.storagenode.node;

import dev.aistorctl.core.InvalidConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The machine an ELF executable is built for, read from its header: {@code e_ident} (magic, class,
 * byte order) and {@code e_machine} at offset 18. A server binary for the wrong architecture installs
 * without complaint and then fails with "Exec format error" on every node at once; reading twenty bytes
 * on the controller refuses it before anything is uploaded.
 *
 * @param code         {@code e_machine}
 * @param bits         32 or 64 ({@code EI_CLASS})
 * @param littleEndian {@code EI_DATA}
 */
public record ElfMachine(int code, int bits, boolean littleEndian) {
    public static final int EM_386 = 3;
    public static final int EM_ARM = 40;
    public static final int EM_PPC64 = 21;
    public static final int EM_S390 = 22;
    public static final int EM_X86_64 = 62;
    public static final int EM_AARCH64 = 183;
    public static final int EM_RISCV = 243;
    public static final int EM_LOONGARCH = 258;

    /** e_ident (16 bytes), e_type (2), e_machine (2). */
    static final int HEADER_BYTES = 20;

    private static final Map<Integer, String> NAMES = Map.of(EM_386, "i386", EM_ARM, "arm", EM_PPC64, "ppc64",
            EM_S390, "s390x", EM_X86_64, "x86_64", EM_AARCH64, "aarch64", EM_RISCV, "riscv64", EM_LOONGARCH, "loongarch64");

    /**
     * What {@code uname -m} prints on a host that runs this machine's binaries natively, as far as it matters
     * here: the byte order of ppc64 decides between {@code ppc64} and {@code ppc64le}.
     */
    public String name() {
        String n = NAMES.get(code);
        if (n == null) {
            return "ELF machine " + code;
        }
        if (code == EM_PPC64 && littleEndian) {
            return "ppc64le";
        }
        return n;
    }

    /** Whether a host whose {@code uname -m} is {@code hostMachine} runs this binary natively. */
    public boolean runsOn(String hostMachine) {
        String host = hostMachine.strip();
        return switch (host) {
            case "x86_64", "amd64" -> code == EM_X86_64 && bits == 64;
            case "aarch64", "arm64" -> code == EM_AARCH64 && bits == 64;
            case "i386", "i486", "i586", "i686" -> code == EM_386;
            case "ppc64le" -> code == EM_PPC64 && littleEndian;
            case "ppc64" -> code == EM_PPC64 && !littleEndian;
            case "s390x" -> code == EM_S390 && bits == 64;
            case "riscv64" -> code == EM_RISCV && bits == 64;
            case "loongarch64" -> code == EM_LOONGARCH && bits == 64;
            default -> host.startsWith("armv") ? code == EM_ARM && bits == 32 : host.equals(name());
        };
    }

    /**
     * The machine of an ELF file's first bytes; empty when they are not ELF at all (a jar, a script),
     * which has no architecture to check.
     *
     * @throws IllegalArgumentException for an ELF magic followed by a header too short or with an unknown class or byte order
     */
    public static Optional<ElfMachine> read(byte[] head) {
        if (head.length < 4 || head[0] != 0x7f || head[1] != 'E' || head[2] != 'L' || head[3] != 'F') {
            return Optional.empty();
        }
        if (head.length < HEADER_BYTES) {
            throw new IllegalArgumentException("ELF header cut short: " + head.length + " bytes, " + HEADER_BYTES + " needed");
        }
        int bits = switch (head[4]) {
            case 1 -> 32;
            case 2 -> 64;
            default -> throw new IllegalArgumentException("ELF class " + head[4] + " is neither 32-bit (1) nor 64-bit (2)");
        };
        boolean little = switch (head[5]) {
            case 1 -> true;
            case 2 -> false;
            default -> throw new IllegalArgumentException("ELF byte order " + head[5] + " is neither little (1) nor big (2) endian");
        };
        int lo = head[little ? 18 : 19] & 0xff;
        int hi = head[little ? 19 : 18] & 0xff;
        return Optional.of(new ElfMachine(hi << 8 | lo, bits, little));
    }

    /** The machine of the file's header; a file that claims to be ELF with a broken header is a configuration error naming it. */
    public static Optional<ElfMachine> of(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEADER_BYTES);
        } catch (IOException e) {
            throw new InvalidConfigException("cannot read the server binary " + file + ": " + e.getMessage());
        }
        try {
            return read(head);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException("the server binary " + file + " is not a usable executable: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return name() + " (ELF " + bits + "-bit " + (littleEndian ? "LSB" : "MSB") + ", e_machine " + code + ")";
    }
}
