package dev.aistorctl.playbooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aistorctl.core.text.UnifiedDiff;
import org.junit.jupiter.api.Test;

/** A file's diff in a plan never carries a credential, whichever side of the diff it was on. */
class ChangeDiffRedactionTest {
    private static final String SECRET = "s3cr3t-Hunter2-never-printed";

    @Test
    void aCredentialOnTheHostsSideOfADiffIsMasked() {
        String host = "MINIO_VOLUMES=\"http://old{1...3}:9000/mnt/drive{1...4}/minio\"\nMINIO_ROOT_PASSWORD=" + SECRET + "\n";
        String wanted = "MINIO_VOLUMES=\"http://node{1...3}:9000/mnt/drive{1...4}/minio\"\nMINIO_ROOT_PASSWORD=" + Redactor.MASK + "\n";
        Change c = Change.of(ChangeKey.of("file content", "/etc/default/minio"), "/etc/default/minio content", "a", "b")
                .withDiff(UnifiedDiff.of("/etc/default/minio", host, wanted));
        assertThat(c.diff()).doesNotContain(SECRET).contains("-MINIO_ROOT_PASSWORD=" + Redactor.MASK, "+MINIO_VOLUMES=\"http://node{1...3}");
    }

    @Test
    void aCredentialInAFileOtherThanTheNodesIsMaskedToo() {
        String fstab = "//nas/share /mnt/nas cifs username=backup,password=" + SECRET + " 0 0\n";
        Change c = Change.of("/etc/fstab", null, "x").withDiff(UnifiedDiff.of("/etc/fstab", fstab, fstab + "LABEL=d1 /mnt/drive1 xfs defaults 0 2\n"));
        assertThat(c.diff()).doesNotContain(SECRET).contains("password=" + Redactor.MASK);
    }
}
