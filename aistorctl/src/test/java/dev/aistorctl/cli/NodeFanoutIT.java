package dev.aistorctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aistorctl.lab.LabHost;
import dev.aistorctl.storagenode.node.S3ProxyJar;
import dev.aistorctl.storagenode.node.Sha256;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The server binary fanned out on five real lab hosts: the controller uploads it to the first two, which serve
 * it over the lab network. The second host's python3 is replaced by one that corrupts the copy it is about to
 * serve, so the fourth host, which fetches from the second, must refuse what it got and fall back to the
 * controller's upload. The third and fifth fetch from the first, unless the second's seat, freed by that
 * refusal, is free when one of them comes: then it takes the seat (the controller uploads to it and it serves).
 * Which of the two comes first is the hosts' timing; in every order at least one of them fetches from the first.
 */
@Tag("lab")
class NodeFanoutIT {
    private static final String JAR = "/usr/local/lib/aistor/s3proxy.jar";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Stands in for python3 on one host: appends to the file a peer server is started with (-c PROGRAM FILE ...). */
    private static final String CORRUPTING_PYTHON = String.join("\n",
            "cat > /usr/local/bin/python3 <<'EOF'",
            "#!/bin/sh",
            "[ \"$1\" = -c ] && [ -f \"$3\" ] && printf corrupted >> \"$3\"",
            "exec /usr/bin/python3 \"$@\"",
            "EOF",
            "chmod 0755 /usr/local/bin/python3");
    @RegisterExtension
    static final LabHosts lab = LabHosts.of("fanit", 5, 1).withOwnHome();

    @BeforeAll
    static void up() {
        for (LabHost h : lab.state().hosts()) {
            lab.ssh(h, "set -e; d=$(lsblk -dnb -o NAME,SIZE,MOUNTPOINT | awk '$3==\"\" && $2>=1073741825 {print $1}' | sort | head -n1);"
                    + " mkfs.xfs -q -f /dev/$d; mkdir -p /mnt/drive1; mount -t xfs /dev/$d /mnt/drive1");
        }
        lab.ssh(lab.node(2), CORRUPTING_PYTHON);
    }

    @Test
    void twoSeedsGetTheUploadTheOthersFetchFromAPeerAndAWrongCopyIsRefused() throws IOException {
        String inv = lab.inventory().toString();
        CliRun dry = CliRun.of("run", "node-install", "-i", inv, "--dry-run");
        assertThat(dry.exitCode()).as(dry.out() + dry.err()).isZero();
        assertThat(dry.out()).contains("to the first 2 hosts of the run that need it, which serve it to the others over"
                + " the cluster network");

        CliRun run = CliRun.of("run", "node-install", "-i", inv, "-o", "json");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode result = JSON.readTree(run.out());
        Map<String, String> how = new HashMap<>();
        for (JsonNode h : result.get("hosts")) {
            for (JsonNode s : h.get("steps")) {
                if (s.get("type").asText().equals("node-binary")) {
                    how.put(h.get("host").asText(), s.get("reason").asText());
                }
            }
        }
        String seeded = "uploaded from the controller; seed: serves it to the other hosts";
        assertThat(how.get("fanit-node1")).contains(seeded);
        assertThat(how.get("fanit-node2")).contains(seeded);
        assertThat(how.get("fanit-node4")).contains("peer fanit-node2 refused: it served a file with sha256",
                "uploaded from the controller instead");
        List<String> fetched = new ArrayList<>();
        for (String h : List.of("fanit-node3", "fanit-node5")) {
            if (how.get(h).contains("fetched from peer fanit-node1 over the cluster network, sha256 verified")) {
                fetched.add(h);
            } else {
                assertThat(how.get(h)).as(h + ": fetched from the first seed, or took the seat the refusal freed")
                        .contains(seeded);
            }
        }
        assertThat(fetched).as("in every order a host fetches from the good seed").isNotEmpty();

        String runId = result.get("run_id").asText();
        Map<String, List<JsonNode>> journal = journalByHost(lab.home().resolve("runs").resolve(runId).resolve("journal.jsonl"));
        for (String h : List.of("fanit-node1", "fanit-node2", "fanit-node3", "fanit-node4", "fanit-node5")) {
            boolean fromPeer = fetched.contains(h);
            assertThat(uploads(journal.get(h))).as(h + (fromPeer ? " got it from node1, not the controller" : ": the controller's upload"))
                    .isEqualTo(fromPeer ? 0 : 1);
            if (fromPeer) {
                assertThat(journal.get(h).toString()).contains("aistorctl-peer-fetch");
            }
        }
        assertThat(journal.get("fanit-node1").toString()).contains("verified copy to the other hosts at http://");

        String good = Sha256.of(S3ProxyJar.locate());
        for (LabHost h : lab.state().hosts()) {
            assertThat(lab.ssh(h, "sha256sum " + JAR)).as(h.name() + "'s binary").startsWith(good);
            assertThat(lab.ssh(h, "ls /usr/local/lib/aistor")).as(h.name() + ": no staged copy").isEqualTo("s3proxy.jar\n");
            assertThat(lab.ssh(h, "pgrep -af '[a]istorctl-peer|[p]ython3' || true"))
                    .as(h.name() + ": no server left").isEmpty();
            assertThat(lab.ssh(h, "ls -d /var/tmp/aistorctl-peer.* 2>/dev/null || true")).as(h.name() + ": nothing served left")
                    .isEmpty();
        }
    }

    private static Map<String, List<JsonNode>> journalByHost(Path journal) throws IOException {
        Map<String, List<JsonNode>> out = new HashMap<>();
        for (String line : Files.readAllLines(journal)) {
            JsonNode e = JSON.readTree(line);
            if (e.hasNonNull("host")) {
                out.computeIfAbsent(e.get("host").asText(), k -> new ArrayList<>()).add(e);
            }
        }
        return out;
    }

    /** Files the controller put on the host at the binary's staging path. */
    private static long uploads(List<JsonNode> events) {
        return events.stream().filter(e -> e.path("event").asText().equals("put")
                && e.path("path").asText().equals(JAR + ".aistorctl-new")).count();
    }
}
