package dev.aistorctl.inventory;

import static dev.aistorctl.inventory.Inventories.MINIMAL;
import static dev.aistorctl.inventory.Inventories.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.core.InvalidConfigException;
import dev.aistorctl.core.config.Problem;
import dev.aistorctl.core.ssh.Become;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-host SSH overrides and ssh_config, and which of them wins for each value. */
class HostSshTest {
    @TempDir
    Path dir;

    private Inventory withConfig(String inventory, String sshConfig) throws Exception {
        Path conf = dir.resolve("ssh_config");
        Files.writeString(conf, sshConfig);
        return parse(inventory.replace("ssh: {user: ubuntu}", "ssh: {user: ubuntu, config: " + conf + "}"));
    }

    private static HostSsh host(Inventory inv, String name) {
        return inv.sshFor(inv.hosts().stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow());
    }

    @Test
    void aHostEntryOverridesTheClusterForThatHostAlone() {
        Inventory inv = parse(MINIMAL.replace("ssh: {user: ubuntu}", "ssh: {user: ubuntu, config: none, jump_host: bastion}") + """
                hosts:
                  node2.example.net: {address: 10.0.0.2, user: ops, port: 2222, identity_file: keys/node2, jump_host: none}
                """);
        HostSsh two = host(inv, "node2.example.net");
        assertThat(two.target()).isEqualTo("ops@10.0.0.2:2222");
        assertThat(two.user().from()).isEqualTo("hosts.node2.example.net.user");
        assertThat(two.identityFile()).isEqualTo(new HostSsh.Sourced<>(Path.of("site/keys/node2").toAbsolutePath(), "hosts.node2.example.net.identity_file"));
        assertThat(two.jumps()).isEmpty();
        assertThat(two.jumpsFrom()).isEqualTo("hosts.node2.example.net.jump_host");
        HostSsh one = host(inv, "node1.example.net");
        assertThat(one.target()).isEqualTo("ubuntu@node1.example.net:22");
        assertThat(one.jumps()).extracting(HostSsh.Hop::toString).containsExactly("ubuntu@bastion:22");
        assertThat(one.jumpsFrom()).isEqualTo("ssh.jump_host");
    }

    @Test
    void becomeFollowsTheHostsOwnUserUnlessWritten() {
        String root = MINIMAL.replace("ssh: {user: ubuntu}", "ssh: {user: root, config: none}");
        Inventory inv = parse(root + """
                hosts:
                  node2.example.net: {user: ubuntu}
                  node3.example.net: {user: ubuntu, become: none}
                """);
        assertThat(host(inv, "node1.example.net").become()).isEqualTo(new HostSsh.Sourced<>(Become.NONE, "default for user root (ssh.user)"));
        // A host logging in as ubuntu needs sudo; the cluster's root login implied none, which it does not inherit.
        assertThat(host(inv, "node2.example.net").become())
                .isEqualTo(new HostSsh.Sourced<>(Become.SUDO, "default for user ubuntu (hosts.node2.example.net.user)"));
        assertThat(host(inv, "node3.example.net").become()).isEqualTo(new HostSsh.Sourced<>(Become.NONE, "hosts.node3.example.net.become"));
        // A become written for the cluster is a choice, and holds for every host that writes none.
        Inventory explicit = parse(root.replace("user: root,", "user: root, become: sudo,") + "hosts:\n  node2.example.net: {user: ubuntu}\n");
        assertThat(host(explicit, "node2.example.net").become()).isEqualTo(new HostSsh.Sourced<>(Become.SUDO, "ssh.become"));
    }

    @Test
    void precedenceIsHostThenClusterThenSshConfigThenDefault() throws Exception {
        Path conf = dir.resolve("ssh_config");
        Files.writeString(conf, """
                Host node1.example.net node2.example.net
                    HostName %h.mgmt
                    User cfguser
                    Port 2022
                    IdentityFile ~/.ssh/site_key
                """);
        Inventory inv = parse(MINIMAL.replace("ssh: {user: ubuntu}", "ssh: {user: ubuntu, port: 2200, config: " + conf + "}") + """
                hosts:
                  node1.example.net: {port: 2201}
                """);
        HostSsh one = host(inv, "node1.example.net");
        assertThat(one.port()).isEqualTo(new HostSsh.Sourced<>(2201, "hosts.node1.example.net.port"));
        assertThat(one.user()).isEqualTo(new HostSsh.Sourced<>("ubuntu", "ssh.user"));
        assertThat(one.address()).isEqualTo(new HostSsh.Sourced<>("node1.example.net.mgmt", conf + ":2"));
        assertThat(one.identityFile()).isEqualTo(new HostSsh.Sourced<>(InventoryValues.home().resolve(".ssh/site_key"), conf + ":5"));
        assertThat(host(inv, "node2.example.net").port()).isEqualTo(new HostSsh.Sourced<>(2200, "ssh.port"));
        assertThat(host(inv, "node3.example.net").address()).isEqualTo(new HostSsh.Sourced<>("node3.example.net", "the host's name"));
        // Without ssh.user and ssh.port, ssh_config's apply; without them either, ssh's defaults.
        Inventory bare = parse(MINIMAL.replace("ssh: {user: ubuntu}", "ssh: {config: " + conf + "}"));
        assertThat(host(bare, "node2.example.net").user()).isEqualTo(new HostSsh.Sourced<>("cfguser", conf + ":3"));
        assertThat(host(bare, "node2.example.net").port()).isEqualTo(new HostSsh.Sourced<>(2022, conf + ":4"));
        assertThat(host(bare, "node3.example.net").user().from()).isEqualTo("default (the local user)");
        assertThat(host(bare, "node3.example.net").port()).isEqualTo(new HostSsh.Sourced<>(22, "default"));
        assertThat(host(bare, "node3.example.net").identityFile()).isEqualTo(new HostSsh.Sourced<>(InventoryValues.home().resolve(".ssh/id_ed25519"), "default"));
    }

    @Test
    void proxyJumpChainsAreResolvedHopByHopThroughSshConfig() throws Exception {
        Inventory inv = withConfig(MINIMAL, """
                Host node*.example.net !node4.example.net
                    ProxyJump inner,ops@edge:2200
                Host inner
                    HostName 10.9.0.1
                    User jump
                    ProxyJump outer
                Host outer
                    HostName 203.0.113.5
                    Port 2022
                    IdentityFile /keys/outer
                Host edge
                    HostName 10.9.0.2
                    User ignored
                """);
        Path conf = dir.resolve("ssh_config");
        HostSsh one = host(inv, "node1.example.net");
        // inner's own ProxyJump comes first: ssh reaches the first hop with its own configuration.
        assertThat(one.jumps()).extracting(HostSsh.Hop::toString)
                .containsExactly("ubuntu@203.0.113.5:2022", "jump@10.9.0.1:22", "ops@10.9.0.2:2200");
        assertThat(one.jumps().get(0).identityFile()).isEqualTo(Path.of("/keys/outer"));
        assertThat(one.jumpsFrom()).isEqualTo(conf + ":2");
        assertThat(host(inv, "node4.example.net").jumps()).isEmpty();
    }

    @Test
    void aProxyJumpLoopIsAnErrorNamingTheHost() throws Exception {
        Inventory inv = withConfig(MINIMAL, "Host node1.example.net\n  ProxyJump a\nHost a\n  ProxyJump b\nHost b\n  ProxyJump a\n");
        assertThatThrownBy(() -> host(inv, "node1.example.net")).isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("node1.example.net: the jump chain loops through ssh_config");
    }

    @Test
    void overridesAreValidatedAtFileLineAndColumn() {
        String text = MINIMAL.replace("ssh: {user: ubuntu}", "ssh: {user: ubuntu, config: none}") + """
                hosts:
                  node1.example.net: {user: Bad User, port: 70000, jump_host: "a@b:c", become: maybe, idenity_file: x}
                """;
        assertThatThrownBy(() -> parse(text)).isInstanceOfSatisfying(InvalidInventoryException.class, e ->
                assertThat(e.problems()).extracting(p -> p.line() + ":" + p.column() + " " + p.message().split(";")[0]).contains(
                        "13:32 user of host 'node1.example.net' 'Bad User' contains a space, which a remote shell would interpret",
                        "13:45 port of host 'node1.example.net' 70000 is out of range 1-65535",
                        "13:63 jump_host: 'a@b:c' is not [user@]host[:port]",
                        "13:80 unknown become of host 'node1.example.net' 'maybe'",
                        "13:87 unknown key 'idenity_file' in host 'node1.example.net'"));
    }

    @Test
    void anSshConfigThatCannotBeParsedIsAnInventoryProblemNamingItsLine() throws Exception {
        Path conf = dir.resolve("ssh_config");
        Files.writeString(conf, "Host a\n  Prot 22\n");
        String text = MINIMAL.replace("ssh: {user: ubuntu}", "ssh: {user: ubuntu, config: " + conf + "}");
        assertThatThrownBy(() -> parse(text)).isInstanceOfSatisfying(InvalidInventoryException.class, e -> {
            Problem p = e.problems().get(0);
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).contains(conf + ":2:3: unknown ssh_config keyword 'Prot'");
        });
        assertThatThrownBy(() -> parse(MINIMAL.replace("ssh: {user: ubuntu}", "ssh: {user: ubuntu, config: " + dir.resolve("nope") + "}")))
                .isInstanceOf(InvalidInventoryException.class).hasMessageContaining("does not exist");
    }
}
