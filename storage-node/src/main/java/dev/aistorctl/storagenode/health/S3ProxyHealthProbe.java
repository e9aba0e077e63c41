package dev.aistorctl.storagenode.health;

import dev.aistorctl.inventory.Flavour;
import dev.aistorctl.storagenode.minio.Secret;
import io.minio.MinioClient;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** S3Proxy has no health endpoint: a node is healthy when it answers a signed ListBuckets. */
final class S3ProxyHealthProbe implements HealthProbe {
    private final int port;
    private final String user;
    private final Secret credential;

    S3ProxyHealthProbe(int port, String user, Secret credential) {
        this.port = port;
        this.user = user;
        this.credential = credential;
    }

    @Override
    public Flavour flavour() {
        return Flavour.S3PROXY;
    }

    @Override
    public NodeHealth node(Target t) {
        String endpoint = HealthProbe.url(t.address(), port);
        try {
            MinioClient client = S3Clients.client(endpoint, user, credential);
            client.setTimeout(TimeUnit.SECONDS.toMillis(5), TimeUnit.SECONDS.toMillis(5), TimeUnit.SECONDS.toMillis(5));
            int buckets = client.listBuckets().size();
            return NodeHealth.up(t.host(), endpoint, "signed ListBuckets answered (" + buckets + " bucket" + (buckets == 1 ? ")" : "s)"));
        } catch (Exception e) {
            return NodeHealth.down(t.host(), endpoint, Failures.describe(e));
        }
    }

    @Override
    public Optional<NodeHealth> cluster(List<Target> live) {
        return Optional.empty();
    }
}
