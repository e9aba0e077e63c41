package dev.aistorctl.storagenode.minio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretTest {
    private static final String VALUE = "Sup3r-secret-root-pw";

    @Test
    void neverShowsItsValueWhenPrinted() {
        Secret secret = Secret.of(VALUE);

        assertThat(secret.toString()).isEqualTo("<redacted>");
        assertThat(String.valueOf(List.of(secret))).doesNotContain(VALUE);
        assertThat(String.valueOf(Map.of("password", secret))).doesNotContain(VALUE);
        assertThat("password is " + secret).doesNotContain(VALUE);
    }

    @Test
    void aDigestMatchesOnlyTheSameSecretAndHoldsNoTraceOfIt() {
        Secret secret = Secret.of(VALUE);
        String digest = secret.digest();

        assertThat(digest).startsWith("pbkdf2-sha256$").doesNotContain(VALUE);
        assertThat(secret.matches(digest)).isTrue();
        assertThat(Secret.of(VALUE + "x").matches(digest)).isFalse();
    }

    @Test
    void aProcessDigestsAValueOnceAndEachValueWithASaltOfItsOwn() {
        String digest = Secret.of(VALUE).digest();

        // One slow derivation per value and run: every host of a cluster gets the one digest of its one credential.
        assertThat(Secret.of(VALUE).digest()).isEqualTo(digest);
        // Salted: another value gets another random salt, so equal hashes cannot be looked up or compared across values.
        String other = Secret.of(VALUE + "-other").digest();
        assertThat(salt(other)).isNotEqualTo(salt(digest));
        assertThat(Secret.of(VALUE).matches(other)).isFalse();
        assertThat(Secret.of(VALUE + "-other").matches(other)).isTrue();
    }

    private static String salt(String digest) {
        return digest.split("\\$")[2];
    }

    @Test
    void aRememberedVerdictHoldsForTheSameValueOnly() {
        String digest = Secret.of(VALUE).digest();
        assertThat(Secret.of(VALUE).matches(digest)).isTrue();
        assertThat(Secret.of(VALUE + "x").matches(digest)).as("another value after a match is still refused").isFalse();
        assertThat(Secret.of(VALUE).matches(digest)).isTrue();
        assertThat(Secret.of("").matches(digest)).isFalse();
        assertThatThrownBy(() -> Secret.of(VALUE).matches("md5$abc")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalValuesAreEqualSecrets() {
        assertThat(Secret.of(VALUE)).isEqualTo(Secret.of(VALUE)).isNotEqualTo(Secret.of("other-value"));
        assertThat(Secret.of(VALUE).hashCode()).isEqualTo(Secret.of("other-value").hashCode());
    }
}
