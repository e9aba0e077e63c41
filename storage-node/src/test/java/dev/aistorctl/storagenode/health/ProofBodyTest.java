package dev.aistorctl.storagenode.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class ProofBodyTest {
    /** Not a multiple of the chunk nor of 8, so the last chunk and the last word are partial. */
    private static final int SIZE = 3 * ProofBody.CHUNK + 13;

    @Test
    void theDigestIsTheSha256OfExactlyTheBytes() throws Exception {
        ProofBody body = ProofBody.random(SIZE, new SplittableRandom(7));

        assertThat(body.bytes()).hasSize(SIZE);
        assertThat(body.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body.bytes())));
    }

    @Test
    void theBytesCannotBeCompressedNorDeduplicated() {
        byte[] bytes = ProofBody.random(SIZE, new SplittableRandom(7)).bytes();

        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(bytes);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        assertThat(out.size()).as("deflated size").isGreaterThan(bytes.length);
        // Every 4 KiB block differs from every other, so block-level deduplication finds nothing.
        assertThat(Arrays.stream(blocks(bytes, 4096)).distinct().count()).isEqualTo(bytes.length / 4096);
        // Nor does the tail of a chunk repeat at the start of the next (the words are not restarted per chunk).
        assertThat(Arrays.copyOfRange(bytes, ProofBody.CHUNK, ProofBody.CHUNK + 64))
                .isNotEqualTo(Arrays.copyOfRange(bytes, 0, 64));
    }

    @Test
    void twoBodiesDiffer() {
        assertThat(ProofBody.random(SIZE, new SplittableRandom()).sha256())
                .isNotEqualTo(ProofBody.random(SIZE, new SplittableRandom()).sha256());
    }

    @Test
    void exactlyTheWrittenBytesReadBackInSmallPiecesMatch() throws IOException {
        ProofBody body = ProofBody.random(SIZE, new SplittableRandom(3));

        assertThat(body.mismatch(trickling(body.bytes().clone()))).isNull();
    }

    @Test
    void oneChangedByteIsFoundWhereItIs() throws IOException {
        ProofBody body = ProofBody.random(SIZE, new SplittableRandom(3));
        byte[] read = body.bytes().clone();
        read[2 * ProofBody.CHUNK + 5] ^= 1;

        assertThat(body.mismatch(trickling(read))).isEqualTo("read back differs from the written bytes at byte " + (2 * ProofBody.CHUNK + 5));
    }

    @Test
    void aShortOrLongReadIsNoMatch() throws IOException {
        ProofBody body = ProofBody.random(SIZE, new SplittableRandom(3));
        byte[] shorter = Arrays.copyOf(body.bytes(), SIZE - 1);
        byte[] longer = Arrays.copyOf(body.bytes(), SIZE + 1);

        assertThat(body.mismatch(new ByteArrayInputStream(shorter))).isEqualTo("read back " + (SIZE - 1) + " of the " + SIZE + " bytes written");
        assertThat(body.mismatch(new ByteArrayInputStream(longer))).isEqualTo("read back more than the " + SIZE + " bytes written");
        assertThat(body.mismatch(new ByteArrayInputStream(new byte[0]))).isEqualTo("read back 0 of the " + SIZE + " bytes written");
    }

    /** Gives at most 1000 bytes per read, as a network stream may. */
    private static InputStream trickling(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1000));
            }
        };
    }

    private static String[] blocks(byte[] bytes, int size) {
        String[] out = new String[bytes.length / size];
        for (int i = 0; i < out.length; i++) {
            out[i] = HexFormat.of().formatHex(bytes, i * size, (i + 1) * size);
        }
        return out;
    }
}
