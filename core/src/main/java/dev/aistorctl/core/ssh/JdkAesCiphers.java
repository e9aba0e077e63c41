package dev.aistorctl.core.ssh;

import com.hierynomus.sshj.transport.cipher.GcmCipher;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.transport.cipher.BlockCipher;
import net.schmizz.sshj.transport.cipher.Cipher;

/**
 * The SSH transport's AES ciphers taken from the JDK's own provider instead of BouncyCastle.
 *
 * <p>SSHJ registers BouncyCastle and asks it for every primitive. Its AES and GCM are plain Java (about
 * 120 MB/s of AES-GCM on the project machine), while the JDK's run on the CPU's AES and carry-less multiply
 * instructions (about 5 GB/s once compiled): a 41.5 MB SFTP upload costs 2.7x less controller CPU. A short
 * exchange on a fresh JVM (facts) gains nothing: there neither engine is compiled yet.
 * Only the ciphers move. BouncyCastle keeps the key exchange and the signatures: its X25519 and Ed25519 are
 * faster than JDK 17's (Ed25519 sign and verify 4-13x, X25519 1.2-2x), and those run on every login.
 */
final class JdkAesCiphers {
    /** The JDK's provider of AES, GCM and CTR (OpenJDK's name, also in every other JDK built from it). */
    static final String PROVIDER = "SunJCE";

    private JdkAesCiphers() {
    }

    /**
     * The same cipher on the JDK's AES when it is one of OpenSSH's AES-GCM or AES-CTR ciphers and the JDK has
     * that provider; any other factory as given.
     */
    static Factory.Named<Cipher> preferJdk(Factory.Named<Cipher> factory) {
        if (java.security.Security.getProvider(PROVIDER) == null) {
            return factory;
        }
        return switch (factory.getName()) {
            case "aes128-gcm@openssh.com" -> named(factory.getName(), () -> new Gcm(16));
            case "aes256-gcm@openssh.com" -> named(factory.getName(), () -> new Gcm(32));
            case "aes128-ctr" -> named(factory.getName(), () -> new Ctr(16));
            case "aes192-ctr" -> named(factory.getName(), () -> new Ctr(24));
            case "aes256-ctr" -> named(factory.getName(), () -> new Ctr(32));
            default -> factory;
        };
    }

    /** The provider of the engine a cipher made by {@link #preferJdk} runs on, once initialised; for the test. */
    static String providerOf(Cipher cipher) {
        if (cipher instanceof OnJdkEngine c) {
            return c.engine().getProvider().getName();
        }
        throw new IllegalArgumentException("not a cipher of this class: " + cipher.getClass().getName());
    }

    /**
     * A cipher of this class: SSHJ's GCM or CTR packet handling, each on its own SSHJ base class (so no common
     * superclass of ours), with the engine swapped for the JDK's.
     */
    private interface OnJdkEngine {
        javax.crypto.Cipher engine();
    }

    private static javax.crypto.Cipher jdk(String transformation) throws InvalidKeyException {
        try {
            return javax.crypto.Cipher.getInstance(transformation, PROVIDER);
        } catch (NoSuchAlgorithmException | NoSuchProviderException | javax.crypto.NoSuchPaddingException e) {
            // The provider's presence is checked before its factories are offered; AES is in every SunJCE.
            throw new InvalidKeyException("no " + transformation + " in " + PROVIDER, e);
        }
    }

    private static Factory.Named<Cipher> named(String name, java.util.function.Supplier<Cipher> create) {
        return new Factory.Named<>() {
            @Override
            public Cipher create() {
                return create.get();
            }

            @Override
            public String getName() {
                return name;
            }

            @Override
            public String toString() {
                return name + " (" + PROVIDER + ")";
            }
        };
    }

    /**
     * SSHJ's GCM packet handling (the invocation counter in the nonce, the length as associated data) on the
     * JDK's engine: the base class looks its engine up in BouncyCastle, which this swaps before first use.
     */
    private static final class Gcm extends GcmCipher implements OnJdkEngine {
        Gcm(int keyBytes) {
            super(12, 16, keyBytes, "AES", "AES/GCM/NoPadding");
        }

        @Override
        protected void initCipher(javax.crypto.Cipher ignored, Mode mode, byte[] key, byte[] iv)
                throws InvalidKeyException, InvalidAlgorithmParameterException {
            cipher = jdk("AES/GCM/NoPadding");
            super.initCipher(cipher, mode, key, iv);
        }

        @Override
        public javax.crypto.Cipher engine() {
            return cipher;
        }
    }

    private static final class Ctr extends BlockCipher implements OnJdkEngine {
        Ctr(int keyBytes) {
            super(16, keyBytes, "AES", "AES/CTR/NoPadding");
        }

        @Override
        protected void initCipher(javax.crypto.Cipher ignored, Mode mode, byte[] key, byte[] iv)
                throws InvalidKeyException, InvalidAlgorithmParameterException {
            cipher = jdk("AES/CTR/NoPadding");
            super.initCipher(cipher, mode, key, iv);
        }

        @Override
        public javax.crypto.Cipher engine() {
            return cipher;
        }
    }
}
