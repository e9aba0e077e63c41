package dev.aistorctl.storagenode.minio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The service account of MinIO's unit (User=/Group=minio-user), created as a system account without login. */
class MinioAccountTest {
    @Test
    void groupThenUserEachACheckAndACreate() {
        List<MinioAccount.Ensure> ensures = MinioAccount.ensures();

        assertThat(ensures).extracting(MinioAccount.Ensure::what).containsExactly("group minio-user", "user minio-user");
        assertThat(ensures.get(0).check().argv()).containsExactly("getent", "group", "minio-user");
        assertThat(ensures.get(0).create().argv()).containsExactly("groupadd", "--system", "minio-user");
        assertThat(ensures.get(1).check().argv()).containsExactly("getent", "passwd", "minio-user");
        assertThat(ensures.get(1).create().argv())
                .containsExactly("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "-g", "minio-user", "minio-user");
        assertThat(ensures).allMatch(e -> e.create().privileged() && !e.check().privileged());
    }

    @Test
    void idempotentFormRunsTheCreateOnlyWhenTheCheckFails() {
        assertThat(MinioAccount.ensureCommands()).extracting(c -> c.argv().get(2)).containsExactly(
                "getent group minio-user >/dev/null || groupadd --system minio-user",
                "getent passwd minio-user >/dev/null || useradd --system --no-create-home --shell /usr/sbin/nologin -g minio-user minio-user");
        assertThat(MinioAccount.ensureCommands()).allMatch(c -> c.privileged() && c.argv().get(0).equals("sh"));
    }
}
