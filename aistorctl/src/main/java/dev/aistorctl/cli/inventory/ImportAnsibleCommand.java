package dev.aistorctl.cli.inventory;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.aistorctl.cli.CliCommand;
import dev.aistorctl.cli.GlobalOptions;
import dev.aistorctl.cli.Terminal;
import dev.aistorctl.core.ExitCode;
import dev.aistorctl.inventory.ansible.AnsibleWarning;
import dev.aistorctl.inventory.ansible.ImportedHost;
import dev.aistorctl.workflows.inventory.ansible.AnsibleImport;
import dev.aistorctl.workflows.inventory.ansible.AnsibleImportRequest;
import dev.aistorctl.workflows.inventory.ansible.AnsibleImportResult;
import dev.aistorctl.workflows.inventory.init.TodoMark;
import dev.aistorctl.workflows.text.HostRange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ansible",
        description = "Read a static Ansible inventory (INI or YAML: groups, children, ranges, ansible_host, ansible_user, "
                + "ansible_port, ansible_ssh_private_key_file, a jump host in ansible_ssh_common_args) and write a commented "
                + "inventory with TODO for what Ansible does not say (cluster, binary, credentials, drives).",
        footerHeading = "%nExamples:%n",
        footer = {
            "  aistorctl inventory import ansible hosts.ini --out inventory.yaml",
            "  aistorctl inventory import ansible inventory.yml --group minio_pool1,minio_pool2 --out inventory.yaml",
            "  aistorctl inventory validate -i inventory.yaml   # names every TODO left",
            "",
            "Dynamic inventory scripts and plugin files (plugin:) are refused: write their hosts out first with",
            "  ansible-inventory -i SOURCE --list --yaml > static.yml",
            "Exit 0 when written (or printed), 2 when --out exists (give --force) or a group is unknown,",
            "4 when the Ansible inventory cannot be imported (each problem at file:line or file:line:col)."
        })
final class ImportAnsibleCommand extends CliCommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "The Ansible inventory: INI, or YAML (.yml, .yaml, .json).")
    Path file;

    @Option(names = "--group", split = ",", paramLabel = "GROUP",
            description = "Import these groups, one pool each (named after the group); every host in one pool when left out.")
    List<String> groups = new ArrayList<>();

    @Option(names = "--out", paramLabel = "FILE", description = "The inventory file to write; printed when left out.")
    Path out;

    @Option(names = "--force", description = "Replace --out when it exists.")
    boolean force;

    @Override
    protected int run(Terminal terminal, GlobalOptions global) {
        AnsibleImportResult result = AnsibleImport.run(new AnsibleImportRequest(file, groups, Optional.ofNullable(out), force,
                Path.of("").toAbsolutePath()), Instant.now());
        if (terminal.json()) {
            terminal.printJson(json(result));
            return ExitCode.OK.code();
        }
        if (out == null) {
            terminal.out().print(result.text());
            terminal.out().flush();
            summary(terminal, result, "-");
            return ExitCode.OK.code();
        }
        int hosts = result.pools().values().stream().mapToInt(List::size).sum();
        terminal.println(terminal.style("@|green wrote|@ ") + out + ": " + result.pools().size()
                + (result.pools().size() == 1 ? " pool, " : " pools, ") + hosts + (hosts == 1 ? " host" : " hosts") + " from " + file);
        summary(terminal, result, out.toString());
        return ExitCode.OK.code();
    }

    /** Pools, what was left out and what needs a person; on stderr when the inventory itself went to stdout. */
    private void summary(Terminal terminal, AnsibleImportResult result, String where) {
        java.io.PrintWriter w = out == null ? terminal.err() : terminal.out();
        result.pools().forEach((pool, hosts) -> w.println("  " + pool + ": " + HostRange.of(hosts.stream().map(ImportedHost::name).toList())));
        if (!result.leftOut().isEmpty()) {
            w.println("left out, not reached over SSH:");
            result.leftOut().forEach((h, why) -> w.println("  " + h + ": " + why));
        }
        if (!result.warnings().isEmpty()) {
            w.println("not carried over:");
            for (AnsibleWarning a : result.warnings()) {
                w.println("  " + a.where() + ": " + a.message() + (a.hosts().isEmpty() ? "" : " (" + HostRange.of(a.hosts()) + ")"));
            }
        }
        if (!result.todos().isEmpty()) {
            w.println(result.todos().size() + " TODO" + (result.todos().size() == 1 ? "" : "s") + " to fill in before the file can be used:");
            for (TodoMark t : result.todos()) {
                w.println("  " + where + ":" + t.line() + ":" + t.column() + ": " + t.key() + ": " + t.what());
            }
            if (out != null) {
                w.println("then check it: aistorctl inventory validate -i " + out);
            }
        }
        w.flush();
    }

    private Map<String, Object> json(AnsibleImportResult result) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("source", file.toString());
        doc.put("out", out == null ? null : out.toString());
        doc.put("written", result.written().isPresent());
        List<Map<String, Object>> hosts = new ArrayList<>();
        result.pools().forEach((pool, list) -> list.forEach(h -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("host", h.name());
            m.put("pool", pool);
            m.put("from", h.where());
            Map<String, Object> ssh = new LinkedHashMap<>();
            h.settings().forEach((k, s) -> ssh.put(k, s.isTodo() ? Map.of("todo", s.todo(), "from", s.from().where())
                    : Map.of("value", s.value(), "from", s.from().name() + ", " + s.from().where())));
            m.put("ssh", ssh);
            hosts.add(m);
        }));
        doc.put("hosts", hosts);
        doc.put("left_out", result.leftOut());
        List<Map<String, Object>> warnings = new ArrayList<>();
        result.warnings().forEach(a -> warnings.add(Map.of("where", a.where(), "message", a.message(), "hosts", a.hosts())));
        doc.put("warnings", warnings);
        List<Map<String, Object>> todos = new ArrayList<>();
        result.todos().forEach(t -> todos.add(Map.of("line", t.line(), "column", t.column(), "key", t.key(), "what", t.what())));
        doc.put("todos", todos);
        doc.put("inventory", out == null ? result.text() : null);
        return doc;
    }
}
