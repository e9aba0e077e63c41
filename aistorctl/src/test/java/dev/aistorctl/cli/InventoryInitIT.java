package dev.aistorctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.aistorctl.lab.LabDrive;
import dev.aistorctl.lab.LabHost;

/**
 * inventory init against real lab hosts: two that answer, one whose host key is not in the known_hosts
 * given (refused), and an address where no host lives; then with a key the hosts refuse. The file it writes names both failures, holds
 * TODOs that validate finds at their line and column, and once they are filled in, the drives command
 * takes exactly each host's data drives and never its system disk.
 */
@Tag("lab")
class InventoryInitIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHA = "3f9c5e0b8a41d2c67e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d";
    @RegisterExtension
    static final LabHosts lab = LabHosts.of("iniit", 3, 4);

    @Test
    void initWritesAnInventoryThatValidatesOnceItsTodosAreFilledAndTakesTheDataDrives(@TempDir Path dir) throws Exception {
        LabHost n1 = lab.node(1);
        LabHost n2 = lab.node(2);
        LabHost n3 = lab.node(3);
        // node3's key left out: a host whose key cannot be verified is refused, never trusted
        List<String> known = Files.readAllLines(lab.state().knownHosts()).stream()
                .filter(l -> !l.startsWith(n3.address() + ",")).toList();
        Path knownHosts = Files.write(dir.resolve("known_hosts"), known);
        String prefix = n1.address().substring(0, n1.address().lastIndexOf('.') + 1);
        String nobody = prefix + "250";
        Path out = dir.resolve("inventory.yaml");

        CliRun run = CliRun.of("inventory", "init", "--hosts", n1.address() + "," + n2.address() + "," + n3.address() + "," + nobody,
                "--ssh-user", "root", "--identity-file", lab.state().clientKey().toString(), "--known-hosts", knownHosts.toString(),
                "--out", out.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        String text = Files.readString(out);
        System.out.println(run.out() + "\n" + text);
        assertThat(run.out()).contains("wrote " + out + ": 1 pool, 2 hosts").contains("not reachable, left out:")
                .containsPattern("\n  " + Pattern.quote(n3.address()) + ": .*host key")
                .contains("\n  " + nobody + ": ");
        assertThat(text).containsPattern("#   " + Pattern.quote(n3.address()) + ": .*host key")
                .contains("#   " + nobody + ": ")
                .contains("  hardware_profile: lab\n")
                .contains("      count: 4\n      select: {transport: any, min_size: 2.14GB}\n      mount: \"/mnt/drive{1...4}\"\n")
                .contains("# Erasure layout: 1 set of 8 drives, EC:4")
                .contains("mounted at /srv/system");
        assertThat(text).doesNotContain("hosts: " + n3.address()).doesNotContain("- " + n3.address());

        // validate names every TODO at file:line:col, the ones init printed
        CliRun validate = CliRun.of("inventory", "validate", "-i", out.toString());
        assertThat(validate.exitCode()).isEqualTo(4);
        List<String> printed = new ArrayList<>();
        Matcher m = Pattern.compile(Pattern.quote(out.toString()) + ":(\\d+):(\\d+): ([^:]+): ").matcher(run.out());
        while (m.find()) {
            printed.add(m.group(1) + ":" + m.group(2));
            assertThat(validate.out()).contains(out + ":" + m.group(1) + ":" + m.group(2) + ": " + m.group(3) + " is still TODO");
        }
        assertThat(printed).hasSize(4);

        Path filled = Files.writeString(dir.resolve("filled.yaml"), text.replace("name: TODO", "name: iniit")
                .replace("binary: TODO", "binary: {path: minio, sha256: " + SHA + "}")
                .replace("root_user: TODO", "root_user: admin")
                .replace("root_password: TODO", "root_password: {file: " + lab.state().rootPasswordFile() + "}"));
        CliRun valid = CliRun.of("inventory", "validate", "-i", filled.toString());
        assertThat(valid.exitCode()).as(valid.out() + valid.err()).isZero();
        assertThat(valid.out()).contains("1 pool, 2 hosts, 8 drives");

        CliRun drives = CliRun.of("drives", "-i", filled.toString(), "-o", "json");
        assertThat(drives.exitCode()).as(drives.out() + drives.err()).isZero();
        JsonNode hosts = JSON.readTree(drives.out()).get("hosts");
        assertThat(hosts.findValuesAsText("host")).containsExactly(n1.address(), n2.address());
        for (int i = 0; i < 2; i++) {
            LabHost labHost = lab.node(i + 1);
            List<String> selected = new ArrayList<>();
            for (JsonNode d : hosts.get(i).get("devices")) {
                if (d.get("selected").asBoolean()) {
                    selected.add(d.get("path").asText());
                }
            }
            assertThat(selected).as(labHost.name() + " takes its data drives and nothing else")
                    .containsExactlyInAnyOrderElementsOf(labHost.dataDrives().stream().map(LabDrive::device).toList());
        }

        // a host that refuses the key is named with why, and nothing is written for it (here: nothing at all)
        Path wrongKey = dir.resolve("wrong_key");
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", wrongKey.toString())
                .redirectErrorStream(true).start();
        assertThat(keygen.waitFor()).as(new String(keygen.getInputStream().readAllBytes())).isZero();
        Path refusedOut = dir.resolve("refused.yaml");
        CliRun refused = CliRun.of("inventory", "init", "--hosts", n1.address(), "--ssh-user", "root", "--identity-file", wrongKey.toString(),
                "--known-hosts", knownHosts.toString(), "--out", refusedOut.toString());
        assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(1);
        assertThat(refused.out()).contains("not reachable, left out:")
                .containsPattern("\n  " + Pattern.quote(n1.address()) + ": .*public key login refused for the key " + Pattern.quote(wrongKey.toString()));
        assertThat(refused.err()).contains("no host answered; nothing written to " + refusedOut);
        assertThat(refusedOut).doesNotExist();

        // a second run does not overwrite what the person filled in
        CliRun again = CliRun.of("inventory", "init", "--hosts", n1.address(), "--ssh-user", "root", "--out", out.toString());
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(Files.readString(out)).isEqualTo(text);
    }
}
