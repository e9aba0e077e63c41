package dev.aistorctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aistorctl.core.Command;
import dev.aistorctl.core.Connector;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.inventory.InventoryLoader;
import dev.aistorctl.workflows.remote.Connections;
import io.minio.MinioClient;
import io.minio.messages.Bucket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * accept's S3 part against real storage nodes: three lab hosts of the S3Proxy flavour, two drives each, taken
 * from blank to a healthy cluster by {@code provision --accept}, which then measures drives, network and S3 as
 * its last stage. Then {@code accept --s3} alone, its accept.json checked node by node, its bucket gone from
 * every node afterwards, and the root credential nowhere in what was printed or written; then one node stopped:
 * named as not measured while the others are still measured, and plain {@code accept} (every part) skipping its S3
 * with the reason and measuring the rest; then another host's power cut mid-load: named as not measured, never judged
 * as a slow node. The tests build on each other in order.
 */
@Tag("lab")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AcceptS3IT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final LabHosts lab = LabHosts.of("s3vit", 3, 2).withOwnHome();
    private static Inventory inventory;
    private static String password;
    /** Everything every command printed, searched for the credential at the end. */
    private static final StringBuilder PRINTED = new StringBuilder();

    @BeforeAll
    static void up() throws IOException {
        inventory = InventoryLoader.load(lab.inventory());
        password = Files.readString(lab.state().rootPasswordFile()).strip();
    }

    @Test
    @Order(1)
    void provisionWithAcceptEndsWithEveryPartMeasuredAndAnAcceptColumn() throws IOException {
        CliRun run = cli("provision", "-i", lab.inventory().toString(), "--yes", "--wipe-drives", "--accept",
                "--accept-duration", "3s");

        assertThat(run.out()).as(run.out() + run.err()).containsPattern("HOST +DRIVES +TUNE +NODE +HEALTH +ACCEPT");
        Path provisionJson = provisionJson(run.err());
        JsonNode doc = JSON.readTree(Files.readString(provisionJson));
        JsonNode section = doc.get("accept");
        assertThat(section.get("unmeasured")).as(section.toString()).isEmpty();
        Path acceptJson = provisionJson.resolveSibling(section.get("file").asText());
        JsonNode accepted = JSON.readTree(Files.readString(acceptJson));
        // 3 s phases of 16 MiB objects, 8 in flight: too few requests a node to judge its S3 figures (a WARN saying so, never a
        // FAIL); drives and network judged. Nothing fails, nothing is unmeasured.
        List<String> failed = new ArrayList<>();
        accepted.get("findings").forEach(host -> host.forEach(f -> {
            if (f.get("severity").asText().equals("FAIL")) {
                failed.add(f.get("rule").asText() + ": " + f.get("message").asText());
            }
            if (f.get("severity").asText().equals("WARN")) {
                assertThat(f.get("rule").asText()).as(f.toString()).isEqualTo("accept.s3_peers");
                assertThat(f.get("message").asText()).as(f.toString()).contains(": too few requests to judge: ", " < 32; use a longer --duration");
            }
        }));
        assertThat(failed).as(run.out()).isEmpty();
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(doc.get("outcome").asText()).isEqualTo("ok");
        assertThat(section.get("exit_code").asInt()).as(section.toString()).isZero();
        for (InventoryHost h : inventory.hosts()) {
            assertThat(run.out()).as(h.name()).containsPattern("(?m)^" + Pattern.quote(h.name()) + " .* healthy, S3 verified +PASS *$");
        }
        assertThat(accepted.get("drives")).hasSize(3);
        assertThat(accepted.get("network").get("hosts")).hasSize(3);
        assertThat(accepted.get("s3").get("nodes")).hasSize(3)
                .allSatisfy(n -> assertThat(n.get("put_mbps").asDouble()).as(n.toString()).isPositive());
        assertThat(accepted.get("seconds").has("s3")).isTrue();
        report("provision --accept", accepted.get("s3"));
    }

    @Test
    @Order(2)
    void acceptS3MeasuresEveryNodeInABucketOfItsOwnAndRemovesIt() throws IOException {
        CliRun run = accept("--s3");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode doc = JSON.readTree(run.out());
        assertThat(doc.get("drives")).as("only the S3 part was asked for").isEmpty();
        assertThat(doc.get("network").isNull()).isTrue();
        JsonNode s3 = doc.get("s3");
        String bucket = s3.get("bucket").asText();
        assertThat(bucket).matches("aistorctl-accept-[0-9a-f]{12}");
        assertThat(s3.get("object_bytes").asLong()).isEqualTo(4L << 20);
        assertThat(s3.get("concurrency").asInt()).isEqualTo(4);
        assertThat(s3.get("unmeasured")).isEmpty();
        assertThat(s3.get("problems")).isEmpty();
        List<String> hosts = new ArrayList<>();
        s3.get("nodes").forEach(n -> {
            hosts.add(n.get("host").asText());
            assertThat(n.get("endpoint").asText()).startsWith("http://");
            for (String direction : List.of("put", "get")) {
                assertThat(n.get(direction + "_mbps").asDouble()).as(direction + " " + n).isPositive();
                assertThat(n.get(direction + "_objects").asLong()).as(direction + " " + n).isPositive();
                double p50 = n.get(direction + "_p50_ms").asDouble();
                assertThat(p50).as(direction + " " + n).isPositive();
                assertThat(n.get(direction + "_p99_ms").asDouble()).as(direction + " " + n).isGreaterThanOrEqualTo(p50);
                assertThat(n.get(direction + "_verdict").asText()).as(direction + " " + n).isIn("PASS", "SKIP");
            }
        });
        assertThat(hosts).containsExactlyElementsOf(inventory.hosts().stream().map(InventoryHost::name).toList());
        JsonNode aggregate = s3.get("aggregate");
        double sum = 0;
        for (JsonNode n : s3.get("nodes")) {
            sum += n.get("put_mbps").asDouble();
        }
        assertThat(aggregate.get("put_mbps").asDouble()).isCloseTo(sum, org.assertj.core.data.Offset.offset(0.01));
        assertThat(aggregate.get("get_objects").asLong()).isPositive();
        // Findings of both S3 gates on every host, none failing.
        doc.get("findings").fields().forEachRemaining(e -> {
            List<String> rules = new ArrayList<>();
            e.getValue().forEach(f -> rules.add(f.get("rule").asText()));
            assertThat(rules).as(e.getKey()).contains("accept.s3_spec", "accept.s3_peers");
        });
        assertThat(doc.get("failed").asLong()).isZero();
        report("accept --s3", s3);

        for (InventoryHost h : inventory.hosts()) {
            assertThat(buckets(h)).as(h.name() + ": buckets after accept").doesNotContain(bucket)
                    .noneMatch(b -> b.startsWith("aistorctl-accept-"));
        }
    }

    @Test
    @Order(3)
    void aStoppedNodeIsNamedNotMeasuredAndPlainAcceptDoesNotNeedIt() throws IOException {
        String down = inventory.hosts().get(1).name();
        onHost(down, "systemctl stop minio");

        CliRun run = accept("--s3");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        JsonNode doc = JSON.readTree(run.out());
        assertThat(doc.get("unmeasured").fieldNames()).toIterable().containsExactly(down);
        assertThat(doc.get("unmeasured").get(down).asText()).startsWith("s3: cannot make bucket");
        JsonNode s3 = doc.get("s3");
        assertThat(s3.get("unmeasured").fieldNames()).toIterable().containsExactly(down);
        List<String> measured = new ArrayList<>();
        s3.get("nodes").forEach(n -> {
            measured.add(n.get("host").asText());
            assertThat(n.get("put_mbps").asDouble()).as(n.toString()).isPositive();
            assertThat(n.get("get_mbps").asDouble()).as(n.toString()).isPositive();
        });
        assertThat(measured).containsExactly(inventory.hosts().get(0).name(), inventory.hosts().get(2).name());
        for (InventoryHost h : List.of(inventory.hosts().get(0), inventory.hosts().get(2))) {
            assertThat(buckets(h)).as(h.name()).noneMatch(b -> b.startsWith("aistorctl-accept-"));
        }

        CliRun text = cli("accept", "-i", lab.inventory().toString(), "--s3", "--duration", "2s", "--object-size", "1MiB",
                "--concurrency", "2");
        assertThat(text.exitCode()).as(text.out() + text.err()).isEqualTo(1);
        assertThat(text.err()).contains(down + ": not measured: s3: cannot make bucket");
        assertThat(text.out()).contains("S3: 1 MiB objects", inventory.hosts().get(0).name());

        CliRun plain = cli("accept", "-i", lab.inventory().toString(), "--duration", "3s", "--size", "256MiB", "--object-size", "4MiB",
                "--concurrency", "4", "-o", "json");
        JsonNode plainDoc = JSON.readTree(plain.out());
        assertThat(plainDoc.get("unmeasured")).as(plain.out()).isEmpty();
        // With no part named, S3 runs too, and skips the host whose node is stopped, saying why, instead of failing it.
        JsonNode plainS3 = plainDoc.get("s3");
        assertThat(plainS3.get("skipped").fieldNames()).toIterable().containsExactly(down);
        assertThat(plainS3.get("skipped").get(down).asText()).contains("not running", "minio.service: inactive");
        List<String> loaded = new ArrayList<>();
        plainS3.get("nodes").forEach(n -> loaded.add(n.get("host").asText()));
        assertThat(loaded).containsExactly(inventory.hosts().get(0).name(), inventory.hosts().get(2).name());
        List<String> downRules = new ArrayList<>();
        plainDoc.get("findings").get(down).forEach(f -> {
            if (f.get("rule").asText().startsWith("accept.s3_")) {
                downRules.add(f.get("rule").asText() + " " + f.get("severity").asText());
            }
        });
        assertThat(downRules).containsExactly("accept.s3_node SKIP");
        // The stopped node never counts: exit 0, or 3 only for a figure below its peers' (loop devices on a shared
        // machine vary from pass to pass), never 1 for something not measured.
        assertThat(plain.exitCode()).as(plain.out() + plain.err()).isEqualTo(plainDoc.get("failed").asLong() == 0 ? 0 : 3);
        assertThat(plainDoc.get("drives")).hasSize(3);
        assertThat(plainDoc.get("network").isNull()).isFalse();
    }

    @Test
    @Order(4)
    void aHostThatLosesItsPowerMidLoadIsNamedNotMeasuredAndTheOthersAreStillMeasuredAndCleanedUp() throws Exception {
        InventoryHost running = inventory.hosts().get(0);
        InventoryHost stopped = inventory.hosts().get(1);
        InventoryHost dying = inventory.hosts().get(2);
        java.util.concurrent.CompletableFuture<CliRun> accept = java.util.concurrent.CompletableFuture.supplyAsync(() -> cli("accept",
                "-i", lab.inventory().toString(), "--s3", "--duration", "10s", "--object-size", "1MiB", "--concurrency", "2", "-o", "json"));
        // Its bucket holds objects: the PUT phase is on. Then every process of the host dies at once.
        long end = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!writing(dying)) {
            assertThat(accept).as("accept ended before it wrote anything").isNotDone();
            assertThat(System.nanoTime()).as("no object written on " + dying.name() + " within 2 min").isLessThan(end);
            Thread.sleep(200);
        }
        lab.powerCut(dying.name());

        CliRun run = accept.get(5, java.util.concurrent.TimeUnit.MINUTES);

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        JsonNode doc = JSON.readTree(run.out());
        assertThat(doc.get("unmeasured").fieldNames()).toIterable().containsExactlyInAnyOrder(stopped.name(), dying.name());
        assertThat(doc.get("unmeasured").get(dying.name()).asText()).startsWith("s3: load not sustained: ").contains("request");
        List<String> measured = new ArrayList<>();
        doc.get("s3").get("nodes").forEach(n -> measured.add(n.get("host").asText()));
        assertThat(measured).as("a host that went down is not judged as a slow one").containsExactly(running.name());
        assertThat(doc.get("s3").get("problems").toString()).as("the bucket left on the dead host is named")
                .contains(dying.name() + ": bucket " + doc.get("s3").get("bucket").asText() + " not removed");
        assertThat(buckets(running)).noneMatch(b -> b.startsWith("aistorctl-accept-"));
    }

    @Test
    @Order(5)
    void theCredentialIsNeitherPrintedNorWritten() throws IOException {
        assertThat(PRINTED).isNotEmpty();
        assertThat(PRINTED.toString()).doesNotContain(password);
        List<Path> written;
        try (Stream<Path> walk = Files.walk(lab.home())) {
            written = walk.filter(p -> p.getFileName().toString().equals("accept.json")).toList();
        }
        assertThat(written).as("accept.json of every run").hasSizeGreaterThanOrEqualTo(4);
        for (Path p : written) {
            assertThat(Files.readString(p)).as(p.toString()).doesNotContain(password);
        }
    }

    /** Each node's requests, figures and verdicts, for the record of what the lab measured (the peers' gate's sample). */
    private static void report(String what, JsonNode s3) {
        StringBuilder line = new StringBuilder("AcceptS3IT: " + what + ", " + s3.get("object_bytes").asLong() / (1 << 20) + " MiB x "
                + s3.get("concurrency").asInt() + " in flight, " + s3.get("seconds_per_phase").asLong() + " s a phase:");
        s3.get("nodes").forEach(n -> line.append(String.format(java.util.Locale.ROOT, " %s PUT %d req %.0f MB/s %s, GET %d req %.0f MB/s %s;",
                n.get("host").asText(), n.get("put_objects").asLong(), n.get("put_mbps").asDouble(), n.get("put_verdict").asText(),
                n.get("get_objects").asLong(), n.get("get_mbps").asDouble(), n.get("get_verdict").asText())));
        System.err.println(line);
    }

    private static CliRun accept(String... parts) {
        List<String> args = new ArrayList<>(List.of("accept", "-i", lab.inventory().toString()));
        args.addAll(List.of(parts));
        args.addAll(List.of("--duration", "3s", "--object-size", "4MiB", "--concurrency", "4", "-o", "json"));
        return cli(args.toArray(String[]::new));
    }

    private static CliRun cli(String... args) {
        CliRun run = CliRun.of(args);
        PRINTED.append(run.out()).append(run.err());
        return run;
    }

    /** Whether an accept bucket on the host's node holds an object yet; a node not answering holds none. */
    private static boolean writing(InventoryHost h) {
        MinioClient client = client(h);
        try {
            for (Bucket b : client.listBuckets()) {
                if (b.name().startsWith("aistorctl-accept-")
                        && client.listObjects(io.minio.ListObjectsArgs.builder().bucket(b.name()).recursive(true).build()).iterator().hasNext()) {
                    return true;
                }
            }
            return false;
        } catch (Exception notYet) {
            return false;
        }
    }

    private static MinioClient client(InventoryHost h) {
        return MinioClient.builder().endpoint("http://" + h.address() + ":" + inventory.node().apiPort())
                .region("us-east-1").credentials(inventory.node().rootUser(), password).build();
    }

    /** The buckets the host's node lists, asked with the test's own client. */
    private static List<String> buckets(InventoryHost h) {
        try {
            return client(h).listBuckets().stream().map(Bucket::name).toList();
        } catch (Exception e) {
            throw new AssertionError(h.name() + ": list buckets", e);
        }
    }

    private static Path provisionJson(String err) {
        return provisionJson(err, lab.home());
    }

    /** The provision.json a provision run names at its end ("provision RUN: OUTCOME; PATH"), which must be under {@code home}. */
    static Path provisionJson(String err, Path home) {
        Matcher m = Pattern.compile("provision \\S+: \\w+; (\\S+provision\\.json)").matcher(err);
        assertThat(m.find()).as(err).isTrue();
        Path file = Path.of(m.group(1));
        assertThat(file).startsWith(home).exists();
        return file;
    }

    private static String onHost(String host, String script) {
        try (Connector c = new Connections(inventory, inventory.hosts(), false).open(host)) {
            ExecResult r = c.run(Command.script(script).asRoot(), new byte[0], Duration.ofMinutes(2));
            assertThat(r.exitCode()).as(host + ": " + script + "\n" + r.stderrText()).isZero();
            return r.stdoutText();
        }
    }
}
