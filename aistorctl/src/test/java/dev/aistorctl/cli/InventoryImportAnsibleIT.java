package dev.aistorctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.aistorctl.lab.LabHost;

/**
 * inventory import ansible against real lab hosts: an Ansible INI inventory that names the hosts by
 * alias and reaches them by ansible_host, with a login password and an interpreter Ansible needs and
 * aistorctl does not. The imported file, TODOs filled in, reaches both hosts over SSH with the key
 * Ansible names, and the password appears nowhere.
 */
@Tag("lab")
class InventoryImportAnsibleIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHA = "3f9c5e0b8a41d2c67e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d";
    private static final String PASSWORD = "AnsibleLoginPw-7431";
    @RegisterExtension
    static final LabHosts lab = LabHosts.of("ansit", 2, 2);

    @Test
    void theImportedInventoryReachesTheHostsAnsibleNames(@TempDir Path dir) throws IOException {
        LabHost n1 = lab.node(1);
        LabHost n2 = lab.node(2);
        Path hosts = Files.writeString(dir.resolve("hosts.ini"), """
                [storage]
                %s ansible_host=%s
                %s ansible_host=%s

                [monitoring]
                localhost ansible_connection=local

                [storage:vars]
                ansible_user=root
                ansible_ssh_private_key_file=%s
                ansible_password=%s
                ansible_python_interpreter=/usr/bin/python3
                """.formatted(n1.name(), n1.address(), n2.name(), n2.address(), lab.state().clientKey(), PASSWORD));
        Path out = dir.resolve("inventory.yaml");

        CliRun run = CliRun.of("inventory", "import", "ansible", hosts.toString(), "--group", "storage", "--out", out.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        String text = Files.readString(out);
        System.out.println(run.out() + "\n" + text);
        assertThat(run.out()).contains("wrote " + out + ": 1 pool, 2 hosts from " + hosts)
                .contains(hosts + ":11:1: ansible_password is a secret and is not copied")
                .contains(hosts + ":12:1: ansible_python_interpreter is not used")
                .contains("5 TODOs to fill in");
        assertThat(run.out() + run.err() + text).doesNotContain(PASSWORD);
        assertThat(text).contains("  - name: storage\n").contains("  user: root  # ansible_user, " + hosts + ":9:1");

        CliRun validate = CliRun.of("inventory", "validate", "-i", out.toString());
        assertThat(validate.exitCode()).isEqualTo(4);
        assertThat(validate.out()).contains("pools[0].drives.count is still TODO");

        Path filled = Files.writeString(dir.resolve("filled.yaml"), text.replace("name: TODO", "name: ansit")
                .replace("binary: TODO", "binary: {path: minio, sha256: " + SHA + "}")
                .replace("root_user: TODO", "root_user: admin")
                .replace("root_password: TODO", "root_password: {file: " + lab.state().rootPasswordFile() + "}")
                .replace("count: TODO", "count: 2")
                .replace("ssh:\n", "ssh:\n  known_hosts: " + lab.state().knownHosts() + "\n  config: none\n"));

        CliRun show = CliRun.of("inventory", "show", "-i", filled.toString(), "-o", "json");
        assertThat(show.exitCode()).as(show.out() + show.err()).isZero();
        JsonNode shown = JSON.readTree(show.out()).get("hosts");
        for (int i = 0; i < 2; i++) {
            LabHost h = lab.node(i + 1);
            JsonNode ssh = shown.get(i).get("ssh");
            assertThat(shown.get(i).get("name").asText()).isEqualTo(h.name());
            assertThat(ssh.get("address").get("value").asText()).isEqualTo(h.address());
            assertThat(ssh.get("address").get("from").asText()).isEqualTo("hosts." + h.name() + ".address");
            assertThat(ssh.get("user").get("value").asText()).isEqualTo("root");
            assertThat(ssh.get("identity_file").get("value").asText()).isEqualTo(lab.state().clientKey().toString());
        }

        CliRun facts = CliRun.of("facts", "-i", filled.toString(), "-o", "json");
        assertThat(facts.exitCode()).as(facts.out() + facts.err()).isZero();
        JsonNode gathered = JSON.readTree(facts.out()).get("hosts");
        assertThat(gathered.findValuesAsText("host")).containsExactly(n1.name(), n2.name());
        for (JsonNode h : gathered) {
            assertThat(h.get("reachable").asBoolean()).isTrue();
            assertThat(h.get("facts").get("os").get("id").asText()).isEqualTo("debian");
        }
    }
}
