package dev.aistorctl.storagenode.health;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * The S3 proof's object: random bytes and their SHA-256, and the check of what a node gives back.
 *
 * <p>Every provision makes one and checks every node's download against it, so the work per byte is kept to
 * one pass each way: the bytes are written 8 at a time from the generator and hashed chunk by chunk while the
 * chunk is still in cache (the generator's byte-by-byte {@code nextBytes} alone was an eighth of a provision's
 * sampled controller CPU), and a download is compared with the bytes themselves instead of being hashed again:
 * equal bytes have equal digests, and a comparison also says where they differ. The bytes only need to be unpredictable to
 * the storage (no layer can deduplicate or compress them away), not to an attacker, so a fast non-cryptographic
 * generator is enough.
 */
final class ProofBody {
    /** Small enough to stay in the CPU's cache between making and hashing it. */
    static final int CHUNK = 1 << 16;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] bytes;
    private final String sha256;

    private ProofBody(byte[] bytes, String sha256) {
        this.bytes = bytes;
        this.sha256 = sha256;
    }

    static ProofBody random(int size, SplittableRandom random) {
        byte[] bytes = new byte[size];
        MessageDigest digest = newSha256();
        for (int from = 0; from < size; from += CHUNK) {
            int to = Math.min(size, from + CHUNK);
            int i = from;
            for (; i + Long.BYTES <= to; i += Long.BYTES) {
                LONGS.set(bytes, i, random.nextLong());
            }
            for (long last = random.nextLong(); i < to; i++, last >>>= 8) {
                bytes[i] = (byte) last;
            }
            digest.update(bytes, from, to - from);
        }
        return new ProofBody(bytes, HexFormat.of().formatHex(digest.digest()));
    }

    byte[] bytes() {
        return bytes;
    }

    String sha256() {
        return sha256;
    }

    /**
     * Reads {@code in} to its end and compares it with these bytes.
     *
     * @return null when it gave exactly these bytes, otherwise where and how it differs
     */
    String mismatch(InputStream in) throws IOException {
        byte[] buffer = new byte[CHUNK];
        long at = 0;
        int n;
        while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
            if (at + n > bytes.length) {
                return "read back more than the " + bytes.length + " bytes written";
            }
            int i = Arrays.mismatch(buffer, 0, n, bytes, (int) at, (int) at + n);
            if (i >= 0) {
                return "read back differs from the written bytes at byte " + (at + i);
            }
            at += n;
        }
        return at == bytes.length ? null : "read back " + at + " of the " + bytes.length + " bytes written";
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
