package dev.aistorctl.storagenode.health;

import dev.aistorctl.storagenode.minio.Secret;
import io.minio.MinioClient;

/** MinIO SDK clients for one node's endpoint, signed with the root credential. */
public final class S3Clients {
    /** MinIO's and S3Proxy's default region; the SDK would otherwise ask the server first. */
    static final String REGION = "us-east-1";

    private S3Clients() {
    }

    public static MinioClient client(String endpoint, String user, Secret credential) {
        return MinioClient.builder().endpoint(endpoint).region(REGION).credentials(user, credential.reveal()).build();
    }

    /** A client over the given HTTP client: its timeouts and connection pool, e.g. to bound every call of a load test. */
    public static MinioClient client(String endpoint, String user, Secret credential, okhttp3.OkHttpClient http) {
        return MinioClient.builder().endpoint(endpoint).region(REGION).credentials(user, credential.reveal()).httpClient(http).build();
    }
}
