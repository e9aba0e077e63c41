package dev.aistorctl.inventory.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ansible's connection variables carried over to the inventory's SSH settings, and what is not. */
class AnsibleConnectionTest {
    private static final Path CWD = Path.of("/srv/ansible");

    private static AnsibleConnection.Mapped map(String label, String text) {
        AnsibleInventory inv = AnsibleInventoryReader.read(label, text.getBytes(StandardCharsets.UTF_8)).inventory();
        return AnsibleConnection.map(inv, inv.hosts(), CWD);
    }

    private static Map<String, AnsibleSetting> settings(AnsibleConnection.Mapped mapped, String host) {
        return mapped.hosts().stream().filter(h -> h.name().equals(host)).findFirst().orElseThrow().settings();
    }

    @Test
    void connectionVariablesAndTheirOlderSpellingsMapToHostSettings() {
        AnsibleConnection.Mapped m = map("hosts", """
                [s]
                a.example.net ansible_host=10.0.0.1 ansible_user=ubuntu ansible_port=2222 ansible_ssh_private_key_file=keys/a
                b.example.net ansible_ssh_host=10.0.0.2 ansible_ssh_user=admin ansible_ssh_port=2200 ansible_private_key_file=~/.ssh/b
                c.example.net ansible_host=c.example.net
                """);

        Map<String, AnsibleSetting> a = settings(m, "a.example.net");
        assertThat(a.get("address").value()).isEqualTo("10.0.0.1");
        assertThat(a.get("user").value()).isEqualTo("ubuntu");
        assertThat(a.get("port").value()).isEqualTo("2222");
        // relative to where Ansible runs, as its ssh does
        assertThat(a.get("identity_file").value()).isEqualTo("/srv/ansible/keys/a");
        assertThat(a.get("user").from().where()).isEqualTo("hosts:2:37");
        Map<String, AnsibleSetting> b = settings(m, "b.example.net");
        assertThat(b.get("address").value()).isEqualTo("10.0.0.2");
        assertThat(b.get("user").value()).isEqualTo("admin");
        assertThat(b.get("port").value()).isEqualTo("2200");
        assertThat(b.get("identity_file").value()).isEqualTo("~/.ssh/b");
        assertThat(settings(m, "c.example.net")).doesNotContainKey("address");
        assertThat(m.warnings()).isEmpty();
    }

    @Test
    void jumpHostsFromDashJProxyJumpAndAPlainProxyCommand() {
        AnsibleConnection.Mapped m = map("hosts", """
                [s]
                a.example.net ansible_ssh_common_args='-J admin@bastion:2201'
                b.example.net ansible_ssh_common_args='-o ProxyJump=j1,ops@j2:2222'
                c.example.net ansible_ssh_common_args='-o ProxyCommand="ssh -W %h:%p -q -p 2202 -l ops bastion.example.net"'
                d.example.net ansible_ssh_extra_args='-oProxyCommand="ssh -W [%h]:%p jump@10.0.0.9"'
                """);

        assertThat(settings(m, "a.example.net").get("jump_host").value()).isEqualTo("admin@bastion:2201");
        assertThat(settings(m, "b.example.net").get("jump_host").value()).isEqualTo("j1,ops@j2:2222");
        assertThat(settings(m, "c.example.net").get("jump_host").value()).isEqualTo("ops@bastion.example.net:2202");
        assertThat(settings(m, "d.example.net").get("jump_host").value()).isEqualTo("jump@10.0.0.9");
    }

    @Test
    void whatIsNoPlainValueBecomesATodoSayingWhy() {
        AnsibleConnection.Mapped m = map("hosts", """
                [s]
                a.example.net ansible_ssh_common_args='-o ProxyCommand="nc -X connect -x proxy:3128 %h %p"'
                b.example.net ansible_host="{{ lookup('env', 'B_ADDR') }}"
                c.example.net ansible_ssh_common_args='-o ProxyCommand="ssh -i ~/.ssh/bastion -W %h:%p bastion"'
                """);

        AnsibleSetting a = settings(m, "a.example.net").get("jump_host");
        assertThat(a.isTodo()).isTrue();
        assertThat(a.todo()).contains("hosts:2:15").contains("nc -X connect").contains("no plain jump host");
        AnsibleSetting b = settings(m, "b.example.net").get("address");
        assertThat(b.todo()).contains("Jinja2 template").contains("write the address");
        assertThat(settings(m, "c.example.net").get("jump_host").isTodo()).isTrue();
    }

    @Test
    void secretsAndUnknownVariablesAreWarningsThatNeverHoldTheValue() {
        AnsibleConnection.Mapped m = map("inv.yml", """
                storage:
                  vars:
                    ansible_become: true
                    ansible_become_method: su
                    ansible_become_password: Sup3rSecret
                    ansible_python_interpreter: /usr/bin/python3
                    minio_version: RELEASE.2025
                  hosts:
                    n1.example.net:
                      ansible_password: Hunter2pw
                    n2.example.net:
                      ansible_ssh_common_args: -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null
                """);

        assertThat(m.warnings()).extracting(AnsibleWarning::where)
                .containsExactly("inv.yml:4:28", "inv.yml:5:30", "inv.yml:6:33", "inv.yml:10:25", "inv.yml:12:32");
        assertThat(m.warnings().get(0).message()).contains("ansible_become_method").contains("sudo");
        assertThat(m.warnings().get(1).message()).startsWith("ansible_become_password is a secret and is not copied");
        assertThat(m.warnings().get(1).hosts()).containsExactly("n1.example.net", "n2.example.net");
        assertThat(m.warnings().get(3).message()).startsWith("ansible_password is a secret");
        assertThat(m.warnings().get(3).hosts()).containsExactly("n1.example.net");
        assertThat(m.warnings().get(4).message()).contains("StrictHostKeyChecking=no").contains("UserKnownHostsFile");
        assertThat(m.warnings().toString()).doesNotContain("Sup3rSecret").doesNotContain("Hunter2pw");
        assertThat(settings(m, "n2.example.net")).doesNotContainKey("jump_host");
    }

    @Test
    void aHostAnsibleDoesNotReachOverSshIsLeftOut() {
        AnsibleConnection.Mapped m = map("hosts", """
                localhost ansible_connection=local
                [s]
                n1.example.net ansible_connection=ssh
                """);

        assertThat(m.hosts()).extracting(ImportedHost::name).containsExactly("n1.example.net");
        assertThat(m.leftOut()).containsOnlyKeys("localhost");
        assertThat(m.leftOut().get("localhost")).contains("ansible_connection=local").contains("hosts:1:11");
    }
}
