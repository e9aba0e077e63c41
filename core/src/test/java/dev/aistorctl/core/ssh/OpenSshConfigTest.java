package dev.aistorctl.core.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aistorctl.core.config.InvalidConfigFileException;
import dev.aistorctl.core.config.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenSshConfigTest {
    private static final Path FILE = Path.of("/home/fe/.ssh/config");

    private static SshConfigEntry lookup(String text, String host) {
        return OpenSshConfig.parse(FILE, text).lookup(host);
    }

    @Test
    void theFirstValueOfEachKeywordWinsAsInOpenSsh() {
        String text = """
                Host node01
                    HostName 10.0.0.11
                    User ops
                Host node*
                    HostName 10.9.9.9
                    User nobody
                    Port 2222
                Host *
                    Port 22
                    User root
                """;
        SshConfigEntry e = lookup(text, "node01");
        assertThat(e.hostName()).contains(new SshConfigEntry.Sourced("10.0.0.11", FILE + ":2"));
        assertThat(e.user()).contains(new SshConfigEntry.Sourced("ops", FILE + ":3"));
        assertThat(e.port()).contains(new SshConfigEntry.Sourced("2222", FILE + ":7"));
        SshConfigEntry other = lookup(text, "db1");
        assertThat(other.hostName()).isEmpty();
        assertThat(other.user().map(SshConfigEntry.Sourced::value)).contains("root");
        assertThat(other.port().map(SshConfigEntry.Sourced::value)).contains("22");
    }

    @Test
    void valuesBeforeAnyHostLineApplyToEveryHostAndComeFirst() {
        SshConfigEntry e = lookup("User early\nHost a\n  User late\n", "a");
        assertThat(e.user().map(SshConfigEntry.Sourced::value)).contains("early");
    }

    @Test
    void aNegatedPatternExcludesTheWholeBlockAndAloneMatchesNothing() {
        String text = """
                Host node* !node03
                    ProxyJump bastion
                Host !node01
                    User never
                """;
        assertThat(lookup(text, "node01").proxyJump().map(SshConfigEntry.Sourced::value)).contains("bastion");
        assertThat(lookup(text, "node03").proxyJump()).isEmpty();
        // A block of only negated patterns matches no host, as in OpenSSH.
        assertThat(lookup(text, "node02").user()).isEmpty();
        assertThat(lookup(text, "db1").user()).isEmpty();
    }

    @Test
    void wildcardsAreStarAndQuestionMarkAndMatchWithoutCase() {
        String text = "Host rack?-node*.DC1\n  Port 2200\nHost a,b\n  Port 2300\n";
        assertThat(lookup(text, "rack1-node07.dc1").port().map(SshConfigEntry.Sourced::value)).contains("2200");
        assertThat(lookup(text, "rack12-node07.dc1").port()).isEmpty();
        assertThat(lookup(text, "b").port().map(SshConfigEntry.Sourced::value)).contains("2300");
        // '[' is a literal in ssh_config patterns, not a character class.
        assertThat(lookup("Host n[12]\n  Port 2400\n", "n1").port()).isEmpty();
    }

    @Test
    void equalsSignsQuotesAndCommentsAreRead() {
        String text = "Host=a\n  IdentityFile=\"/keys/my key\"  # the lab key\n  HostName = %h.lab.example\n";
        SshConfigEntry e = lookup(text, "a");
        assertThat(e.identityFiles()).extracting(SshConfigEntry.Sourced::value).containsExactly("/keys/my key");
        assertThat(e.hostName().map(SshConfigEntry.Sourced::value)).contains("a.lab.example");
    }

    @Test
    void identityFilesAddUpAndTheFirstIsExpandedWithTokens() {
        String text = "Host a\n  IdentityFile ~/.ssh/%h_%r\nHost *\n  IdentityFile ~/.ssh/id_rsa\n";
        SshConfigEntry e = lookup(text, "a");
        assertThat(e.identityFiles()).hasSize(2);
        assertThat(e.identityFile(Path.of("/home/fe"), "a", "ops")).contains(Path.of("/home/fe/.ssh/a_ops"));
    }

    @Test
    void matchAllAndMatchHostAreBlocks() {
        String text = "Match host web*\n  User www\nMatch all\n  User any\n";
        assertThat(lookup(text, "web1").user().map(SshConfigEntry.Sourced::value)).contains("www");
        assertThat(lookup(text, "db1").user().map(SshConfigEntry.Sourced::value)).contains("any");
    }

    @Test
    void includeReadsOtherFilesInPlace(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("conf.d"));
        Files.writeString(dir.resolve("conf.d/10-lab"), "Host lab*\n  User lab\n");
        Files.writeString(dir.resolve("config"), "Include conf.d/*\nHost *\n  User fallback\n");
        OpenSshConfig config = OpenSshConfig.read(dir.resolve("config"));
        SshConfigEntry e = config.lookup("lab1");
        assertThat(e.user()).contains(new SshConfigEntry.Sourced("lab", dir.resolve("conf.d/10-lab") + ":2"));
    }

    @Test
    void everyProblemIsReportedAtFileLineAndColumn() {
        String text = """
                Host a
                  Hostnme 10.0.0.1
                  Port 99999
                  User
                  IdentityFile "/unclosed
                Match exec "true"
                  ProxyJump a@b:c
                """;
        assertThatThrownBy(() -> OpenSshConfig.parse(FILE, text))
                .isInstanceOfSatisfying(InvalidConfigFileException.class, e -> {
                    List<Problem> p = e.problems();
                    assertThat(p).extracting(Problem::render).allMatch(r -> r.startsWith(FILE.toString() + ":"));
                    assertThat(p).extracting(x -> x.line() + ":" + x.column() + " " + x.message()).containsExactly(
                            "2:3 unknown ssh_config keyword 'Hostnme'",
                            "3:8 Port '99999' is not a port number (1-65535)",
                            "4:3 User has no value",
                            "5:16 unclosed double quote",
                            "6:1 Match exec true: only 'Match all', 'Match host PATTERNS' and 'Match originalhost PATTERNS' can be evaluated here",
                            "7:13 ProxyJump: 'a@b:c' is not [user@]host[:port]");
                    assertThat(p.get(0).hint()).contains("hostname");
                });
    }

    @Test
    void ignoreUnknownLetsSiteKeywordsThrough() {
        assertThat(lookup("IgnoreUnknown UseKeychain,Foo*\nFooBar yes\nHost a\n  User u\n", "a").user()).isPresent();
    }

    @Test
    void anUnreadableFileIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> OpenSshConfig.read(dir.resolve("missing")))
                .isInstanceOf(InvalidConfigFileException.class).hasMessageContaining(dir.resolve("missing").toString());
    }

    @Test
    void proxyJumpChainsParseHopByHop() {
        assertThat(ProxyJumpText.parse("admin@bastion:2222,ssh://ops@[fd00::1]:22,inner")).containsExactly(
                new ProxyJumpText.Hop(Optional.of("admin"), "bastion", Optional.of(2222)),
                new ProxyJumpText.Hop(Optional.of("ops"), "fd00::1", Optional.of(22)),
                new ProxyJumpText.Hop(Optional.empty(), "inner", Optional.empty()));
        assertThat(ProxyJumpText.parse("none")).isEmpty();
        assertThat(ProxyJumpText.problem("a,,b")).isPresent();
        assertThat(ProxyJumpText.problem("a:70000")).contains("port '70000' of 'a:70000' is not a port number (1-65535)");
    }
}
