package dev.aistorctl.storagenode.health;

import dev.aistorctl.inventory.Flavour;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * MinIO's health endpoints (https://min.io/docs/minio/linux/operations/monitoring/healthcheck-probe.html):
 * {@code /minio/health/live} answers 200 while the process serves; {@code /minio/health/cluster}
 * answers 200 only when the cluster has write quorum, 503 otherwise.
 */
final class MinioHealthProbe implements HealthProbe {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    MinioHealthProbe(int port) {
        this.port = port;
    }

    @Override
    public Flavour flavour() {
        return Flavour.MINIO;
    }

    @Override
    public NodeHealth node(Target t) {
        String endpoint = HealthProbe.url(t.address(), port) + "/minio/health/live";
        return get(t.host(), endpoint);
    }

    @Override
    public Optional<NodeHealth> cluster(List<Target> live) {
        Target t = live.get(0);
        return Optional.of(get(t.host(), HealthProbe.url(t.address(), port) + "/minio/health/cluster"));
    }

    private NodeHealth get(String host, String endpoint) {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(endpoint)).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            String detail = "HTTP " + r.statusCode();
            return r.statusCode() == 200 ? NodeHealth.up(host, endpoint, detail) : NodeHealth.down(host, endpoint, detail);
        } catch (IOException e) {
            return NodeHealth.down(host, endpoint, Failures.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NodeHealth.down(host, endpoint, "interrupted");
        }
    }
}
