package dev.aistorctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** facts and verify-hardware against real lab hosts over real SSH. */
@Tag("lab")
class FactsOverSshIT {
    @RegisterExtension
    static final LabHosts lab = LabHosts.of("factsit", 3, 4);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void factsFromEveryHostInOneRun() throws IOException {
        CliRun run = CliRun.of("facts", "-i", lab.inventory().toString(), "-o", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode hosts = JSON.readTree(run.out()).get("hosts");
        assertThat(hosts.findValuesAsText("host")).containsExactly("factsit-node1", "factsit-node2", "factsit-node3");
        for (JsonNode host : hosts) {
            assertThat(host.get("reachable").asBoolean()).isTrue();
            JsonNode facts = host.get("facts");
            assertThat(facts.get("os").get("id").asText()).isEqualTo("debian");
            assertThat(facts.get("os").get("version_id").asText()).isEqualTo("12");
            assertThat(facts.get("cpu").get("threads").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
            List<Long> diskSizes = facts.get("block_devices").findValues("size_bytes").stream().map(JsonNode::asLong).toList();
            assertThat(diskSizes).as("4 data drives of 2 GiB and the 1 GiB system disk").containsOnly(2L << 30, 1L << 30);
            assertThat(diskSizes.stream().filter(s -> s == 2L << 30)).hasSize(4);
            assertThat(facts.get("nics").findValuesAsText("name")).contains("eth0");
        }
        assertThat(run.err()).contains("[3/3]");
    }

    @Test
    void theLabPassesItsProfile() {
        CliRun run = CliRun.of("verify-hardware", "-i", lab.inventory().toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("profile lab", "3 hosts: 3 pass");
    }

    @Test
    void anUnreachableHostIsNamedAndTheOthersFinish(@TempDir Path dir) throws IOException {
        String address = lab.state().hosts().get(0).address();
        String unused = address.substring(0, address.lastIndexOf('.')) + ".99";
        Path inventory = lab.inventoryWith(dir, "four.yaml", "factsit-node{1...3}", "factsit-node{1...4}");
        Files.writeString(inventory, Files.readString(inventory) + "  factsit-node4: {address: " + unused + "}\n");
        Files.writeString(inventory, Files.readString(inventory).replace("connect_timeout: 10s", "connect_timeout: 2s"));

        CliRun facts = CliRun.of("facts", "-i", inventory.toString(), "-o", "json");

        assertThat(facts.exitCode()).isEqualTo(1);
        JsonNode hosts = JSON.readTree(facts.out()).get("hosts");
        assertThat(hosts).hasSize(4);
        assertThat(hosts.get(3).get("reachable").asBoolean()).isFalse();
        assertThat(hosts.get(3).get("error").asText()).contains("factsit-node4");
        assertThat(hosts.get(0).get("reachable").asBoolean()).isTrue();
        assertThat(hosts.get(2).get("reachable").asBoolean()).isTrue();

        CliRun verify = CliRun.of("verify-hardware", "-i", inventory.toString(), "--limit", "factsit-node1,factsit-node4");
        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.out()).contains("UNREACHABLE", "factsit-node4");
    }

    /**
     * A host behind two bastions, as ssh -J a,b reaches it: the controller has no route to node 3 and neither has
     * node 1, so only the chain node 1 then node 2 gets there. Every hop's key is checked against the same
     * known_hosts.
     */
    @Test
    void aHostOnlyAJumpHostChainReachesIsGatheredThroughItAndNamedUnreachableWithoutIt(@TempDir Path dir) throws IOException {
        dev.aistorctl.lab.LabHost first = lab.node(1);
        dev.aistorctl.lab.LabHost second = lab.node(2);
        dev.aistorctl.lab.LabHost hidden = lab.node(3);
        Path inventory = lab.inventoryWith(dir, "jump.yaml", hidden.name() + ": {address: " + hidden.address() + "}",
                hidden.name() + ": {address: " + hidden.address() + ", jump_host: \"root@" + first.address() + ",root@"
                        + second.address() + "\"}");
        String unreachable = "route add unreachable " + hidden.address() + "/32";
        LabHosts.controller("ip " + unreachable + " && ip -n " + first.netns() + " " + unreachable);
        try {
            CliRun direct = CliRun.of("facts", "-i", lab.inventory().toString(), "--limit", hidden.name(), "-o", "json");
            assertThat(direct.exitCode()).as("no route from the controller: " + direct.out()).isEqualTo(1);

            CliRun through = CliRun.of("facts", "-i", inventory.toString(), "--limit", hidden.name(), "-o", "json");

            assertThat(through.exitCode()).as(through.out() + through.err()).isZero();
            JsonNode host = JSON.readTree(through.out()).get("hosts").get(0);
            assertThat(host.get("reachable").asBoolean()).isTrue();
            String mac = new String(new ProcessBuilder("ip", "-n", hidden.netns(), "-o", "link", "show", "eth0").start()
                    .getInputStream().readAllBytes()).replaceAll("(?s).*link/ether (\\S+).*", "$1").strip();
            assertThat(host.get("facts").get("nics").findValuesAsText("mac_address")).as("the facts are the hidden host's own")
                    .contains(mac);
            CliRun show = CliRun.of("inventory", "show", "-i", inventory.toString(), "--limit", hidden.name());
            assertThat(show.out()).contains("root@" + first.address() + ":22 > root@" + second.address() + ":22");
        } finally {
            String del = "route del unreachable " + hidden.address() + "/32";
            LabHosts.controller("ip " + del + "; ip -n " + first.netns() + " " + del + "; true");
        }
    }

    @Test
    void anUnknownHostKeyIsRefusedWithItsFingerprintUnlessAccepted(@TempDir Path dir) throws IOException {
        Path knownHosts = Files.createFile(dir.resolve("known_hosts"));
        Path inventory = lab.inventoryWith(dir, "unknown.yaml", "known_hosts: " + lab.state().knownHosts(),
                "known_hosts: " + knownHosts);

        CliRun refused = CliRun.of("facts", "-i", inventory.toString(), "--limit", "factsit-node1", "-o", "json");
        assertThat(refused.exitCode()).isEqualTo(1);
        String error = JSON.readTree(refused.out()).get("hosts").get(0).get("error").asText();
        assertThat(error).contains("not in", "SHA256:" + fingerprint(lab.state().hosts().get(0).address()));
        assertThat(Files.readString(knownHosts)).isEmpty();

        CliRun accepted = CliRun.of("facts", "-i", inventory.toString(), "--limit", "factsit-node1", "--accept-new-host-keys");
        assertThat(accepted.exitCode()).as(accepted.err()).isZero();
        assertThat(Files.readString(knownHosts)).contains(lab.state().hosts().get(0).address());

        CliRun again = CliRun.of("facts", "-i", inventory.toString(), "--limit", "factsit-node1");
        assertThat(again.exitCode()).as(again.err()).isZero();
    }

    @Test
    void aChangedHostKeyIsAlwaysRefusedShowingBothFingerprints(@TempDir Path dir) throws Exception {
        String address = lab.state().hosts().get(1).address();
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("other").toString())
                .redirectErrorStream(true).start();
        assertThat(keygen.waitFor(30, TimeUnit.SECONDS) && keygen.exitValue() == 0).isTrue();
        String otherKey = Files.readString(dir.resolve("other.pub")).split(" ")[1];
        StringBuilder forged = new StringBuilder();
        for (String line : Files.readAllLines(lab.state().knownHosts())) {
            String[] parts = line.split(" ");
            boolean thisHost = List.of(parts[0].split(",")).contains(address);
            forged.append(thisHost ? parts[0] + " ssh-ed25519 " + otherKey : line).append('\n');
        }
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"), forged.toString());
        Path inventory = lab.inventoryWith(dir, "changed.yaml", "known_hosts: " + lab.state().knownHosts(),
                "known_hosts: " + knownHosts);

        for (String[] flags : List.of(new String[0], new String[] {"--accept-new-host-keys"})) {
            CliRun run = CliRun.of(concat(new String[] {"facts", "-i", inventory.toString(), "-o", "json"}, flags));
            assertThat(run.exitCode()).isEqualTo(1);
            JsonNode hosts = JSON.readTree(run.out()).get("hosts");
            String error = hosts.get(1).get("error").asText();
            assertThat(error).contains("SHA256:" + fingerprint(address), "SHA256:" + fingerprintOfFile(dir.resolve("other.pub")));
            assertThat(hosts.get(0).get("reachable").asBoolean()).isTrue();
            assertThat(hosts.get(2).get("reachable").asBoolean()).isTrue();
        }
        assertThat(Files.readString(knownHosts)).isEqualTo(forged.toString());
    }

    @Test
    void savedCapturesReplayToTheSameFacts(@TempDir Path dir) throws IOException {
        Path captures = dir.resolve("captures");
        CliRun live = CliRun.of("facts", "-i", lab.inventory().toString(), "--save-capture", captures.toString(), "-o", "json");
        assertThat(live.exitCode()).as(live.err()).isZero();
        assertThat(captures.resolve("factsit-node2/manifest.json")).exists();
        assertThat(captures.resolve("factsit-node2/lsblk.json")).exists();

        CliRun replay = CliRun.of("facts", "--from-capture", captures.toString(), "-o", "json");

        assertThat(replay.exitCode()).isZero();
        assertThat(JSON.readTree(replay.out())).isEqualTo(JSON.readTree(live.out()));
    }

    private static String fingerprint(String address) throws IOException {
        for (String line : Files.readAllLines(lab.state().knownHosts())) {
            String[] parts = line.split(" ");
            if (List.of(parts[0].split(",")).contains(address)) {
                return sha256(java.util.Base64.getDecoder().decode(parts[2]));
            }
        }
        throw new AssertionError("no known_hosts line for " + address);
    }

    private static String fingerprintOfFile(Path pub) throws IOException {
        return sha256(java.util.Base64.getDecoder().decode(Files.readString(pub).split(" ")[1]));
    }

    private static String sha256(byte[] key) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(key);
            return java.util.Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
