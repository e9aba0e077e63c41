package dev.aistorctl.hwcheck.profile;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The CPU vector extensions a profile may ask of each architecture, as the kernel names them in the
 * CPU flags: x86 SSE/AVX (erasure coding and hashing use SSE 4.2 and AVX2), arm64 Advanced SIMD
 * ({@code asimd}, and its relatives) and SVE. An extension of one architecture asked of the other can
 * never be met, so the profile is refused where it says so.
 */
public final class VectorExtensions {
    public static final String X86 = "x86_64";
    public static final String ARM64 = "aarch64";

    private static final List<String> X86_PREFIXES = List.of("sse", "ssse", "avx", "fma", "f16c", "vaes", "vpclmulqdq", "amx");
    private static final List<String> ARM64_PREFIXES = List.of("asimd", "sve", "sme", "neon", "fphp", "bf16", "i8mm");

    private VectorExtensions() {
    }

    /** Why {@code flag} cannot be asked of {@code architecture}; empty when it may be. */
    public static Optional<String> problem(String architecture, String flag) {
        String f = flag.toLowerCase(Locale.ROOT);
        List<String> foreign = architecture.equals(ARM64) ? X86_PREFIXES : ARM64_PREFIXES;
        if (foreign.stream().anyMatch(f::startsWith)) {
            String other = architecture.equals(ARM64) ? X86 : ARM64;
            return Optional.of("'" + flag + "' is an " + other + " extension; an " + architecture + " CPU never has it"
                    + (architecture.equals(ARM64) ? " (the arm64 equivalent is asimd, Advanced SIMD)" : ""));
        }
        return Optional.empty();
    }
}
