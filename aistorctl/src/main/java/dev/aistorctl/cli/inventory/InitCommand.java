package dev.aistorctl.cli.inventory;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.aistorctl.cli.CliCommand;
import dev.aistorctl.cli.FanoutOptions;
import dev.aistorctl.cli.GlobalOptions;
import dev.aistorctl.cli.Terminal;
import dev.aistorctl.core.ExitCode;
import dev.aistorctl.workflows.inventory.init.HardwareGroup;
import dev.aistorctl.workflows.inventory.init.HostList;
import dev.aistorctl.workflows.inventory.init.HostSurvey;
import dev.aistorctl.workflows.inventory.init.InitRequest;
import dev.aistorctl.workflows.inventory.init.InitResult;
import dev.aistorctl.workflows.inventory.init.InventoryInit;
import dev.aistorctl.workflows.inventory.init.TodoMark;
import dev.aistorctl.workflows.remote.ProgressLines;
import dev.aistorctl.workflows.text.HostRange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "init",
        description = "Gather the facts of racked servers over SSH and write a commented inventory: a pool per kind of hardware, "
                + "the drive rule that takes their data drives, and TODO for every choice left to you.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  aistorctl inventory init --hosts 'node{01...08}.dc1.example.net' --ssh-user ubuntu --out inventory.yaml",
            "  aistorctl inventory init --hosts @racked.txt --ssh-user root --jump-host admin@bastion --out inventory.yaml",
            "  aistorctl inventory validate -i inventory.yaml   # names every TODO left",
            "",
            "Exit 0 when every host answered, 1 when a host did not (it is named, and left out of the file),",
            "2 when --out exists (give --force) or an option is wrong."
        })
final class InitCommand extends CliCommand {

    @Option(names = "--hosts", required = true, paramLabel = "LIST|PATTERN|@FILE",
            description = "The servers: names or ranges separated by commas (node{01...08}, node[01:08]), or @FILE with one per line.")
    String hosts;

    @Option(names = "--ssh-user", required = true, paramLabel = "USER", description = "Login user on every host (sudo when not root).")
    String sshUser;

    @Option(names = "--identity-file", paramLabel = "FILE", description = "Private key (default: ~/.ssh/id_ed25519).")
    Path identityFile;

    @Option(names = "--known-hosts", paramLabel = "FILE", description = "known_hosts file the host keys are checked against (default: ~/.ssh/known_hosts).")
    Path knownHosts;

    @Option(names = "--jump-host", paramLabel = "[USER@]HOST[:PORT]", description = "Bastion to reach the hosts through.")
    String jumpHost;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The inventory file to write.")
    Path out;

    @Option(names = "--force", description = "Replace --out when it exists.")
    boolean force;

    @Mixin
    FanoutOptions fanout;

    @Override
    protected int run(Terminal terminal, GlobalOptions global) {
        List<String> names = HostList.parse(hosts);
        InitRequest request = new InitRequest(names, sshUser, Optional.ofNullable(identityFile), Optional.ofNullable(knownHosts),
                Optional.ofNullable(jumpHost), fanout.acceptNewHostKeys(), fanout.parallel(names.size()), out, force);
        InitResult result = InventoryInit.run(request, InventoryInit.ssh(request),
                new ProgressLines(terminal, "facts", names), Instant.now());
        if (terminal.json()) {
            terminal.printJson(json(result));
        } else {
            text(terminal, result);
        }
        if (result.written().isEmpty()) {
            terminal.error("no host answered; nothing written to " + out);
            return ExitCode.HOST_FAILED.code();
        }
        return result.unreachable().isEmpty() ? ExitCode.OK.code() : ExitCode.HOST_FAILED.code();
    }

    private void text(Terminal terminal, InitResult result) {
        result.written().ifPresent(file -> {
            int hostCount = result.groups().stream().mapToInt(g -> g.hosts().size()).sum();
            terminal.println(terminal.style("@|green wrote|@ ") + file + ": " + result.groups().size()
                    + (result.groups().size() == 1 ? " pool, " : " pools, ") + hostCount + (hostCount == 1 ? " host" : " hosts"));
            for (int i = 0; i < result.groups().size(); i++) {
                HardwareGroup g = result.groups().get(i);
                terminal.println("  pool" + (i + 1) + ": " + HostRange.of(g.names()) + " (" + g.description() + ")");
            }
        });
        if (!result.unreachable().isEmpty()) {
            terminal.println(terminal.style("@|red not reachable, left out|@:"));
            for (HostSurvey s : result.unreachable()) {
                terminal.println("  " + s.host() + ": " + s.error());
            }
        }
        if (!result.todos().isEmpty()) {
            terminal.println(result.todos().size() + " TODO" + (result.todos().size() == 1 ? "" : "s") + " to fill in before the file can be used:");
            for (TodoMark t : result.todos()) {
                terminal.println("  " + out + ":" + t.line() + ":" + t.column() + ": " + t.key() + ": " + t.what());
            }
            terminal.println("then check it: aistorctl inventory validate -i " + out);
        }
    }

    private Map<String, Object> json(InitResult result) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("out", out.toString());
        doc.put("written", result.written().isPresent());
        List<Map<String, Object>> hostList = new ArrayList<>();
        for (HostSurvey s : result.surveys()) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("host", s.host());
            h.put("reachable", s.reachable());
            h.put("error", s.error());
            String pool = null;
            for (int i = 0; i < result.groups().size(); i++) {
                if (result.groups().get(i).names().contains(s.host())) {
                    pool = "pool" + (i + 1);
                }
            }
            h.put("pool", pool);
            hostList.add(h);
        }
        doc.put("hosts", hostList);
        List<Map<String, Object>> todos = new ArrayList<>();
        for (TodoMark t : result.todos()) {
            todos.add(Map.of("line", t.line(), "column", t.column(), "key", t.key(), "what", t.what()));
        }
        doc.put("todos", todos);
        return doc;
    }
}
