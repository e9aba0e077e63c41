package dev.aistorctl.inventory.ansible;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.core.config.InvalidConfigFileException;
import dev.aistorctl.core.config.Problem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ansible inventories read as Ansible reads them. The expected variables of the fixtures are what
 * {@code ansible-inventory --list} (ansible-core 2.14) prints for the same files.
 */
class AnsibleInventoryReaderTest {
    private static final Path DIR = Path.of("src/test/resources/ansible");

    private static AnsibleInventory read(String name) {
        return AnsibleInventoryReader.read(DIR.resolve(name)).inventory();
    }

    private static AnsibleInventory text(String label, String text) {
        return AnsibleInventoryReader.read(label, text.getBytes(StandardCharsets.UTF_8)).inventory();
    }

    private static List<Problem> problems(String label, String text) {
        try {
            AnsibleInventoryReader.read(label, text.getBytes(StandardCharsets.UTF_8));
        } catch (InvalidConfigFileException e) {
            return e.problems();
        }
        throw new AssertionError("read without a problem: " + text);
    }

    /** name=value of the connection variables, as ansible-inventory --list shows them. */
    private static Map<String, String> connection(AnsibleInventory inv, String host) {
        Map<String, String> out = new LinkedHashMap<>();
        inv.varsOf(host).forEach((k, v) -> {
            if (List.of("ansible_host", "ansible_user", "ansible_port", "ansible_ssh_private_key_file", "ansible_ssh_common_args").contains(k)) {
                out.put(k, v.value());
            }
        });
        return out;
    }

    @Test
    void iniRangesChildrenAndVarsResolveAsAnsibleDoes() {
        AnsibleInventory inv = read("rack.ini");

        assertThat(inv.hosts()).containsExactly("node01.dc1.example.net", "node02.dc1.example.net", "node03.dc1.example.net",
                "node04.dc1.example.net", "node05.dc1.example.net", "node06.dc1.example.net", "node07.dc1.example.net",
                "node08.dc1.example.net", "node09.dc1.example.net");
        assertThat(inv.hostsOf("storage")).hasSize(9);
        assertThat(inv.hostsOf("rack1")).containsExactly("node01.dc1.example.net", "node02.dc1.example.net",
                "node03.dc1.example.net", "node04.dc1.example.net");
        // child group (rack1) over parent (storage) over all
        assertThat(connection(inv, "node01.dc1.example.net")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "ansible_user", "ubuntu", "ansible_port", "22", "ansible_ssh_private_key_file", "~/.ssh/storage_ed25519",
                "ansible_ssh_common_args", "-J admin@bastion.dc1.example.net:2201"));
        // the host line over every group
        assertThat(connection(inv, "node05.dc1.example.net")).containsEntry("ansible_user", "ops").containsEntry("ansible_port", "2200");
        // host:port and a quoted value with a blank
        assertThat(connection(inv, "node09.dc1.example.net")).containsEntry("ansible_host", "10.10.2.9")
                .containsEntry("ansible_port", "2222").containsEntry("ansible_user", "ubuntu")
                .containsEntry("ansible_ssh_private_key_file", "keys/node09 key");
        assertThat(inv.firstSeen("node09.dc1.example.net").where()).isEqualTo(DIR.resolve("rack.ini") + ":9:1");
        assertThat(inv.varsOf("node01.dc1.example.net").get("ansible_port").where()).isEqualTo(DIR.resolve("rack.ini") + ":21:1");
    }

    @Test
    void groupsAtTheSameDepthGoByPriorityThenName() {
        AnsibleInventory inv = read("siblings.ini");

        assertThat(connection(inv, "s1.example.net")).containsEntry("ansible_user", "from-zeta").containsEntry("ansible_port", "2300");
        assertThat(connection(inv, "s2.example.net")).containsEntry("ansible_user", "from-alpha").containsEntry("ansible_port", "2400");
    }

    @Test
    void yamlNestedChildrenLetterAndSteppedRangesAndHostPort() {
        AnsibleInventory inv = read("lab.yml");

        assertThat(inv.hosts()).containsExactlyInAnyOrder("mgmt.example.net", "nvmea.example.net", "nvmeb.example.net",
                "nvmec.example.net", "hdd1.example.net", "hdd4.example.net", "hdd7.example.net", "hdd9.example.net");
        assertThat(connection(inv, "mgmt.example.net")).containsEntry("ansible_user", "root");
        assertThat(connection(inv, "nvmeb.example.net")).containsEntry("ansible_user", "ubuntu").containsEntry("ansible_port", "2201")
                .containsEntry("ansible_ssh_private_key_file", "/etc/keys/fast")
                .containsEntry("ansible_ssh_common_args", "-o ProxyJump=jump1.example.net,admin@jump2.example.net:2222");
        assertThat(connection(inv, "hdd9.example.net")).containsEntry("ansible_host", "192.0.2.9").containsEntry("ansible_port", "2209")
                .containsEntry("ansible_user", "hdd-admin");
        assertThat(inv.varsOf("hdd9.example.net").get("ansible_user").where()).isEqualTo(DIR.resolve("lab.yml") + ":24:29");
        assertThat(inv.hostsOf("storage")).hasSize(7);
    }

    @Test
    void ansibleRangesPadLettersStepsAndPorts() {
        assertThat(AnsibleHostPattern.parse("node[01:10]").names()).hasSize(10).startsWith("node01").endsWith("node10");
        assertThat(AnsibleHostPattern.parse("r[a:b]n[1:2]").names()).containsExactly("ran1", "ran2", "rbn1", "rbn2");
        assertThat(AnsibleHostPattern.parse("n[:2]").names()).containsExactly("n0", "n1", "n2");
        assertThat(AnsibleHostPattern.parse("n[0:10:5]").names()).containsExactly("n0", "n5", "n10");
        assertThat(AnsibleHostPattern.parse("[2001:db8::1]:2222")).isEqualTo(new AnsibleHostPattern(List.of("2001:db8::1"),
                java.util.Optional.of(2222)));
        assertThat(AnsibleHostPattern.parse("2001:db8::1").port()).isEmpty();
        assertThat(AnsibleHostPattern.parse("node[1:3].example.net:22").port()).contains(22);
        assertThatThrownBy(() -> AnsibleHostPattern.parse("node[01:100]")).hasMessageContaining("same width");
        assertThatThrownBy(() -> AnsibleHostPattern.parse("node[9:1]")).hasMessageContaining("reversed");
        assertThatThrownBy(() -> AnsibleHostPattern.parse("node[1:99999]x[1:99999]")).hasMessageContaining("more than 10000");
        assertThatThrownBy(() -> AnsibleHostPattern.parse("node:99999")).hasMessageContaining("not a port");
    }

    @Test
    void iniMistakesAreReportedAtTheirLineWithoutASecret() {
        List<Problem> found = problems("hosts", """
                [storage]
                node01 ansible_password=Hunter2pw stray
                node[1:x]
                [storage:nonsense]
                [orphan:vars]
                a=1
                [parent:children]
                missing
                [storage:vars]
                just-a-word
                """);

        assertThat(found).extracting(Problem::location).containsExactly("hosts:2:35", "hosts:3:1", "hosts:4:1", "hosts:5:1", "hosts:8:1",
                "hosts:10:1");
        assertThat(found.get(0).message()).contains("expected key=value");
        assertThat(found.get(1).message()).contains("[1:x]");
        assertThat(found.get(2).message()).contains("unknown type 'nonsense'");
        assertThat(found.get(3).message()).contains("[orphan:vars] is for a group never defined");
        assertThat(found.get(4).message()).contains("names group 'missing' that is never defined");
        assertThat(found.toString()).doesNotContain("Hunter2pw");
    }

    @Test
    void yamlMistakesAreReportedAtLineAndColumn() {
        List<Problem> found = problems("inv.yml", """
                all:
                  children:
                    storage:
                      hosts:
                        - node01
                        - node02
                    other: [a, b]
                """);

        assertThat(found).extracting(Problem::location).containsExactly("inv.yml:5:9", "inv.yml:7:12");
        assertThat(found.get(0).message()).contains("hosts of group 'storage' must be a mapping");
    }

    @Test
    void whatOnlyAnsibleCanRunStopsTheReadSayingHowToGetAStaticFile(@TempDir Path dir) throws Exception {
        List<Problem> plugin = problems("aws_ec2.yml", "# cloud\nplugin: amazon.aws.aws_ec2\nregions: [eu-west-1]\n");
        assertThat(plugin).extracting(Problem::location).containsExactly("aws_ec2.yml:2:1");
        assertThat(plugin.get(0).message()).contains("inventory plugin 'amazon.aws.aws_ec2'");
        assertThat(plugin.get(0).hint()).contains("ansible-inventory -i aws_ec2.yml --list --yaml");

        List<Problem> script = problems("ec2.py", "#!/usr/bin/env python3\nimport json\n");
        assertThat(script).extracting(Problem::location).containsExactly("ec2.py:1:1");
        assertThat(script.get(0).message()).contains("dynamic inventory script (#!/usr/bin/env python3)");

        assertThat(problems("list.json", "{\"_meta\": {\"hostvars\": {}}, \"all\": {\"children\": []}}").get(0).message())
                .contains("output of an inventory script");
        assertThat(problems("inv.toml", "[all.hosts]\n").get(0).message()).contains("TOML");
        assertThat(problems("bin", "ELF\0\0\0").get(0).message()).contains("not a text file");

        assertThatThrownBy(() -> AnsibleInventoryReader.read(dir)).isInstanceOf(InvalidConfigFileException.class)
                .hasMessageContaining("a directory");
        assertThatThrownBy(() -> AnsibleInventoryReader.read(dir.resolve("nope.ini"))).hasMessageContaining("no such file");
        Path big = Files.write(dir.resolve("big.ini"), new byte[1024 * 1024 + 1]);
        assertThatThrownBy(() -> AnsibleInventoryReader.read(big)).hasMessageContaining("larger than 1 MiB");
    }

    @Test
    void unexpectedGroupKeysAndVaultedValuesAreKeptApart() {
        AnsibleInventoryReader.Read read = AnsibleInventoryReader.read("v.yml", """
                storage:
                  hosts:
                    node01.example.net:
                      ansible_become_password: !vault |
                        $ANSIBLE_VAULT;1.1;AES256
                        6231
                  host_vars: {}
                """.getBytes(StandardCharsets.UTF_8));

        assertThat(read.warnings()).extracting(Problem::location).containsExactly("v.yml:7:3");
        assertThat(read.warnings().get(0).message()).contains("key 'host_vars' in group 'storage' is ignored");
        AnsibleVar vaulted = read.inventory().varsOf("node01.example.net").get("ansible_become_password");
        assertThat(vaulted.vaulted()).isTrue();
        assertThat(vaulted.value()).isNull();
    }

    @Test
    void iniHostsBeforeAnySectionAreUngroupedAndGroupVarsKeepTheirTrailingText() {
        AnsibleInventory inv = text("hosts", """
                lone.example.net ansible_port=2022  # a comment
                [g]
                x.example.net
                [g:vars]
                ansible_user=admin # not a comment to Ansible
                """);

        assertThat(inv.group(AnsibleInventory.UNGROUPED).orElseThrow().hosts()).containsExactly("lone.example.net");
        assertThat(inv.varsOf("lone.example.net").get("ansible_port").value()).isEqualTo("2022");
        assertThat(inv.varsOf("x.example.net").get("ansible_user").value()).isEqualTo("admin # not a comment to Ansible");
    }

    @Test
    void groupVarsAndHostVarsBesideTheFileComeAboveTheFilesOwnVariables() {
        AnsibleInventoryReader.Read read = AnsibleInventoryReader.read(DIR.resolve("site/hosts"));
        AnsibleInventory inv = read.inventory();

        // group_vars/all beats the file's [storage:vars]; group_vars/storage/ beats group_vars/all; host_vars beats all
        assertThat(connection(inv, "node01.example.net")).containsExactlyInAnyOrderEntriesOf(Map.of("ansible_user", "ubuntu",
                "ansible_port", "2002", "ansible_ssh_private_key_file", "~/.ssh/storage",
                "ansible_ssh_common_args", "-o ProxyJump=bastion.example.net"));
        assertThat(connection(inv, "node02.example.net")).containsEntry("ansible_user", "root").containsEntry("ansible_host", "10.0.0.2");
        assertThat(inv.varsOf("node01.example.net").get("ansible_user").where()).isEqualTo(DIR.resolve("site/group_vars/storage/main.yml") + ":1:15");
        assertThat(read.warnings()).extracting(Problem::location).containsExactly(DIR.resolve("site/group_vars/storage/vault.yml").toString());
        assertThat(read.warnings().get(0).message()).contains("ansible-vault");
    }

    @Test
    void rangesThatAddUpPastTenThousandHostsStopTheReadAtTheLineThatCrossesTheCap() {
        String ini = "[s]\n" + "n[0001:9999].example.net\n".repeat(1) + "m[0001:9999].example.net\n".repeat(200);
        List<Problem> found = problems("hosts", ini);
        assertThat(found).extracting(Problem::location).containsExactly("hosts:3:1");
        assertThat(found.get(0).message()).contains("more than 10000 hosts");

        String yaml = "s:\n  hosts:\n    n[0001:9999].example.net:\n    m[0001:9999].example.net:\n";
        assertThat(problems("inv.yml", yaml)).extracting(Problem::location).containsExactly("inv.yml:4:5");
    }
}
