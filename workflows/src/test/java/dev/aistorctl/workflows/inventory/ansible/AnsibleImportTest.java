package dev.aistorctl.workflows.inventory.ansible;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.aistorctl.core.UsageException;
import dev.aistorctl.core.config.InvalidConfigFileException;
import dev.aistorctl.core.config.Problem;
import dev.aistorctl.inventory.HostSsh;
import dev.aistorctl.inventory.InvalidInventoryException;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.inventory.InventoryLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The import end to end: Ansible inventory in, inventory v1 out, and the written file, once its TODOs
 * are filled in, reaches every host the way Ansible would.
 */
class AnsibleImportTest {
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final String SHA = "3f9c5e0b8a41d2c67e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d";

    @TempDir
    Path dir;

    private AnsibleImportResult importFile(String name, String text, List<String> groups) throws Exception {
        Path source = Files.writeString(dir.resolve(name), text);
        return AnsibleImport.run(new AnsibleImportRequest(source, groups, Optional.of(dir.resolve("inventory.yaml")), false,
                Path.of("/srv/ansible")), NOW);
    }

    /** What a person does after the import: fill in every TODO. */
    private Inventory fillAndLoad(String text, int drives) throws Exception {
        String filled = text.replace("name: TODO", "name: rack-one")
                .replace("binary: TODO", "binary: {path: minio, sha256: " + SHA + "}")
                .replace("root_user: TODO", "root_user: admin")
                .replace("root_password: TODO", "root_password: {env: AISTOR_ROOT_PASSWORD}")
                .replace("count: TODO", "count: " + drives);
        return InventoryLoader.load(Files.writeString(dir.resolve("filled.yaml"), filled));
    }

    private static HostSsh ssh(Inventory inventory, String host) {
        InventoryHost h = inventory.hosts().stream().filter(x -> x.name().equals(host)).findFirst().orElseThrow();
        return inventory.sshFor(h);
    }

    @Test
    void iniRoundTripReachesEveryHostAsAnsibleWould() throws Exception {
        AnsibleImportResult result = importFile("hosts.ini", """
                [rack1]
                node[01:04].dc1.example.net

                [rack2]
                node[05:07].dc1.example.net ansible_user=ops
                node08.dc1.example.net:2222 ansible_host=10.10.2.8 ansible_ssh_private_key_file=keys/node08

                [storage:children]
                rack1
                rack2

                [storage:vars]
                ansible_user=ubuntu
                ansible_port=2200
                ansible_ssh_private_key_file=~/.ssh/storage_ed25519
                ansible_become_password=NeverCopyMe

                [rack1:vars]
                ansible_port=22

                [all:vars]
                ansible_ssh_common_args='-J admin@bastion.dc1.example.net:2201'
                """, List.of());

        Path out = dir.resolve("inventory.yaml");
        String written = Files.readString(out);
        assertThat(written).isEqualTo(result.text()).doesNotContain("NeverCopyMe");
        assertThat(result.todos()).extracting(t -> t.key()).containsExactly("cluster.name", "node.binary", "node.root_user",
                "node.root_password", "pools[0].drives.count");
        // the file refuses to load until a person has filled in every TODO, each at its place
        assertThatThrownBy(() -> InventoryLoader.load(out)).isInstanceOfSatisfying(InvalidInventoryException.class,
                e -> assertThat(e.problems()).extracting(Problem::line)
                        .containsExactlyElementsOf(result.todos().stream().map(t -> t.line()).toList()));

        Inventory inventory = fillAndLoad(written, 4);
        assertThat(inventory.hosts()).hasSize(8);
        HostSsh n1 = ssh(inventory, "node01.dc1.example.net");
        assertThat(n1.target()).isEqualTo("ubuntu@node01.dc1.example.net:22");
        assertThat(n1.identityFile().value().toString()).endsWith("/.ssh/storage_ed25519");
        assertThat(n1.jumps()).extracting(HostSsh.Hop::toString).containsExactly("admin@bastion.dc1.example.net:2201");
        assertThat(ssh(inventory, "node05.dc1.example.net").target()).isEqualTo("ops@node05.dc1.example.net:2200");
        HostSsh n8 = ssh(inventory, "node08.dc1.example.net");
        assertThat(n8.target()).isEqualTo("ubuntu@10.10.2.8:2222");
        assertThat(n8.identityFile().value()).isEqualTo(Path.of("/srv/ansible/keys/node08"));
        assertThat(n8.port().from()).isEqualTo("hosts.node08.dc1.example.net.port");
        // what most hosts share is written once, the exceptions per host
        String hostsIni = dir.resolve("hosts.ini").toString();
        assertThat(written).contains("ssh:\n"
                + "  user: ubuntu  # ansible_user, " + hostsIni + ":13:1\n"
                + "  port: 22  # ansible_port, " + hostsIni + ":19:1\n"
                + "  identity_file: ~/.ssh/storage_ed25519  # ansible_ssh_private_key_file, " + hostsIni + ":15:1\n"
                + "  jump_host: admin@bastion.dc1.example.net:2201  # ansible_ssh_common_args, " + hostsIni + ":22:1\n");
        assertThat(written).contains("hosts:\n  node05.dc1.example.net:  # " + hostsIni + ":5:1\n"
                + "    user: ops  # ansible_user, " + hostsIni + ":5:29\n"
                + "    port: 2200  # ansible_port, " + hostsIni + ":14:1\n");
        assertThat(written).doesNotContain("node01.dc1.example.net:");
        assertThat(result.warnings()).extracting(w -> w.message()).anyMatch(m -> m.startsWith("ansible_become_password is a secret"));
    }

    @Test
    void yamlGroupsBecomePoolsAndATemplateBecomesATodoAtItsHost() throws Exception {
        AnsibleImportResult result = importFile("inventory.yml", """
                all:
                  vars:
                    ansible_user: root
                  children:
                    minio_pool1:
                      hosts:
                        a[1:4].example.net:
                    minio_pool2:
                      hosts:
                        b[1:3].example.net:
                        b4.example.net:
                          ansible_host: "{{ lookup('dig', 'b4.internal') }}"
                    monitoring:
                      hosts:
                        grafana.example.net:
                """, List.of("minio_pool1", "minio_pool2"));

        assertThat(result.pools()).containsOnlyKeys("minio-pool1", "minio-pool2");
        String text = result.text();
        assertThat(text).contains("  - name: minio-pool1\n    hosts: \"a{1...4}.example.net\"")
                .contains("  - name: minio-pool2\n    hosts: \"b{1...4}.example.net\"").doesNotContain("grafana");
        assertThat(result.todos()).extracting(t -> t.key()).contains("hosts.b4.example.net.address", "pools[1].drives.count");
        assertThatThrownBy(() -> fillAndLoad(text, 4)).isInstanceOfSatisfying(InvalidInventoryException.class, e -> {
            assertThat(e.problems()).hasSize(1);
            assertThat(e.problems().get(0).message()).startsWith("hosts.b4.example.net.address is still TODO");
            assertThat(e.problems().get(0).hint()).contains("Jinja2 template");
        });
        Inventory inventory = fillAndLoad(text.replace("address: TODO", "address: 10.0.0.14"), 4);
        assertThat(inventory.pools()).hasSize(2);
        assertThat(ssh(inventory, "b4.example.net").target()).isEqualTo("root@10.0.0.14:22");
        assertThat(ssh(inventory, "a2.example.net").user().from()).isEqualTo("ssh.user");
    }

    @Test
    void aValueTheInventoryRefusesStopsAtTheAnsibleLineAndNothingIsWritten() throws Exception {
        assertThatThrownBy(() -> importFile("hosts.ini", """
                [s]
                n1.example.net ansible_port=70000
                [s:vars]
                ansible_user=admin # a comment to us, part of the value to Ansible
                """, List.of())).isInstanceOfSatisfying(InvalidConfigFileException.class, e -> {
                    assertThat(e.problems()).extracting(Problem::location)
                            .containsExactly(dir.resolve("hosts.ini") + ":2:16", dir.resolve("hosts.ini") + ":4:1");
                    assertThat(e.problems().get(0).message()).startsWith("ansible_port: ");
                    assertThat(e.problems().get(1).message()).startsWith("ansible_user: ");
                });
        assertThat(dir.resolve("inventory.yaml")).doesNotExist();
    }

    @Test
    void anAnsibleAliasThatIsNoHostNameIsNamedWithItsLine() throws Exception {
        assertThatThrownBy(() -> importFile("hosts.ini", """
                [web]
                web_1 ansible_host=10.0.0.1
                """, List.of())).isInstanceOfSatisfying(InvalidConfigFileException.class, e -> {
                    assertThat(e.problems()).extracting(Problem::location).containsExactly(dir.resolve("hosts.ini") + ":2:1");
                    assertThat(e.problems().get(0).hint()).contains("--group");
                });
        assertThat(dir.resolve("inventory.yaml")).doesNotExist();
    }

    @Test
    void anUnknownGroupOrAnExistingOutIsAUsageError() throws Exception {
        assertThatThrownBy(() -> importFile("hosts.ini", "[storage]\nn1.example.net\n", List.of("storag")))
                .isInstanceOf(UsageException.class).hasMessageContaining("did you mean 'storage'?");
        assertThatThrownBy(() -> importFile("hosts.ini", "[a]\nn1.example.net\n[b]\nn1.example.net\n", List.of("a", "b")))
                .isInstanceOf(UsageException.class).hasMessageContaining("n1.example.net is also in group a");
        Files.writeString(dir.resolve("inventory.yaml"), "mine\n");
        assertThatThrownBy(() -> importFile("hosts.ini", "n1.example.net\n", List.of())).isInstanceOf(UsageException.class)
                .hasMessageContaining("give --force");
        assertThat(Files.readString(dir.resolve("inventory.yaml"))).isEqualTo("mine\n");
    }

    @Test
    void aDynamicSourceStopsTheImportAndWritesNothing() throws Exception {
        assertThatThrownBy(() -> importFile("gcp.yml", "plugin: google.cloud.gcp_compute\nprojects: [p]\n", List.of()))
                .isInstanceOf(InvalidConfigFileException.class).hasMessageContaining("gcp.yml:1:1")
                .hasMessageContaining("inventory plugin 'google.cloud.gcp_compute'");
        assertThat(dir.resolve("inventory.yaml")).doesNotExist();
    }

    @Test
    void everyCommentedOriginNamesTheAnsibleVariableAndPlace() throws Exception {
        AnsibleImportResult result = importFile("hosts", "[s]\nn1.example.net ansible_host=10.0.0.1\nn2.example.net ansible_host=10.0.0.2\n",
                List.of());
        String hostsPart = result.text().lines().dropWhile(l -> !l.equals("hosts:")).collect(Collectors.joining("\n"));
        assertThat(hostsPart).isEqualTo("hosts:\n"
                + "  n1.example.net:  # " + dir.resolve("hosts") + ":2:1\n"
                + "    address: 10.0.0.1  # ansible_host, " + dir.resolve("hosts") + ":2:16\n"
                + "  n2.example.net:  # " + dir.resolve("hosts") + ":3:1\n"
                + "    address: 10.0.0.2  # ansible_host, " + dir.resolve("hosts") + ":3:16");
    }
}
