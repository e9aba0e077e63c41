package dev.aistorctl.storagenode.health;

import dev.aistorctl.storagenode.minio.Secret;
import io.minio.MinioClient;
import io.minio.http.HttpUtils;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;

/** MinIO SDK clients for one node's endpoint, signed with the root credential. */
public final class S3Clients {
    /** MinIO's and S3Proxy's default region; the SDK would otherwise ask the server first. */
    static final String REGION = "us-east-1";

    private S3Clients() {
    }

    /**
     * A client with the SDK's default timeouts over the process's one HTTP client. The SDK would otherwise build
     * an HTTP client for every MinIO client, and each build loads the trust store's certificates again (and those
     * of SSL_CERT_FILE when it is set): health waits make a client per node per poll, and that loading was a
     * tenth of a provision's controller CPU. Clients derived from the shared one (e.g. with other timeouts)
     * share its connection pool and threads.
     */
    public static MinioClient client(String endpoint, String user, Secret credential) {
        return client(endpoint, user, credential, Shared.HTTP);
    }

    /** A client over the given HTTP client: its timeouts and connection pool, e.g. to bound every call of a load test. */
    public static MinioClient client(String endpoint, String user, Secret credential, okhttp3.OkHttpClient http) {
        return MinioClient.builder().endpoint(endpoint).region(REGION).credentials(user, credential.reveal()).httpClient(http).build();
    }

    /** Built on first use, so commands that never speak S3 do not pay for it. */
    private static final class Shared {
        /** The SDK's own default: 5 minutes to connect, write and read. */
        private static final long TIMEOUT_MS = TimeUnit.MINUTES.toMillis(5);
        static final OkHttpClient HTTP = HttpUtils.newDefaultHttpClient(TIMEOUT_MS, TIMEOUT_MS, TIMEOUT_MS);
    }
}
