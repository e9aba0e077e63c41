package dev.aistorctl.cli.drives;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aistorctl.cli.CliCommand;
import dev.aistorctl.cli.FanoutOptions;
import dev.aistorctl.cli.GlobalOptions;
import dev.aistorctl.cli.Terminal;
import dev.aistorctl.cli.WipeDrivesOption;
import dev.aistorctl.core.Json;
import dev.aistorctl.core.ExitCode;
import dev.aistorctl.core.UsageException;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.playbooks.Change;
import dev.aistorctl.playbooks.Playbook;
import dev.aistorctl.playbooks.RunOptions;
import dev.aistorctl.playbooks.RunResult;
import dev.aistorctl.playbooks.Serial;
import dev.aistorctl.workflows.drives.DrivesPlaybook;
import dev.aistorctl.workflows.run.PlaybookRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "prepare",
        description = "Format the pool's data drives as XFS with this cluster's labels, mount them from /etc/fstab by label, "
                + "and make XFS fail fast on I/O errors (the built-in playbook 'drives').",
        footerHeading = "%nExamples:%n",
        footer = {
            "  aistorctl drives prepare -i inventory.yaml --dry-run",
            "  aistorctl drives prepare -i inventory.yaml --dry-run -o json > plan.json",
            "  aistorctl drives prepare -i inventory.yaml --wipe-drives --plan plan.json",
            "  aistorctl drives prepare -i inventory.yaml --wipe-drives --wipe-foreign S5GXNX0W123456",
            "",
            "Only blank drives are formatted, and only with --wipe-drives (or, on a terminal, after typing the",
            "cluster's name). This cluster's drives are kept as they are; a drive with any other filesystem is",
            "refused unless its serial is given to --wipe-foreign; mounted, partitioned, held, swapped-on and",
            "system disks are refused whatever the flags. Apply probes every drive again and formats nothing on",
            "a host whose drives changed since the plan. Exit 0 when every host is prepared, 1 when a host failed,",
            "2 when formatting was needed but not allowed (nothing was changed on any host)."
        })
public final class DrivesPrepareCommand extends CliCommand {
    @Option(names = "--dry-run", description = "Probe and plan on every host, print what would happen to each drive, change nothing.")
    boolean dryRun;

    @Mixin
    WipeDrivesOption wipeDrives;

    @Option(names = "--wipe-foreign", paramLabel = "SERIAL", split = ",",
            description = "Also wipe and format these drives although they carry a foreign filesystem (serial, WWN, or the device path of a drive with neither). Needs --wipe-drives.")
    List<String> wipeForeign = new ArrayList<>();

    @Option(names = "--plan", paramLabel = "FILE",
            description = "Apply only if the formats planned now are exactly those of this reviewed plan (the JSON of --dry-run -o json), drive for drive and fingerprint for fingerprint.")
    Path plan;

    @Mixin
    FanoutOptions fanout;

    @Override
    protected int run(Terminal terminal, GlobalOptions global) {
        if (!wipeForeign.isEmpty() && !wipeDrives.given() && !dryRun) {
            throw new UsageException("--wipe-foreign needs --wipe-drives: it names drives whose data may be destroyed");
        }
        Inventory inventory = global.loadInventory();
        List<InventoryHost> hosts = global.requireHosts(inventory, "to prepare");
        Map<String, List<Change>> reviewed = plan == null ? null : reviewed(plan, hosts);
        Set<String> foreign = new TreeSet<>(wipeForeign.stream().map(String::strip).filter(s -> !s.isEmpty()).toList());
        Playbook book = DrivesPlaybook.of(foreign, reviewed);
        RunOptions base = new RunOptions(true, fanout.parallel(hosts.size()), Serial.ALL, 100, false);
        PlaybookRun runs = new PlaybookRun(inventory, hosts, fanout.acceptNewHostKeys());

        if (dryRun) {
            RunResult result = runPlaybook(runs, book, base, args(global, true), terminal);
            runs.show(result, terminal);
            return hostsOk(result.ok());
        }
        if (!wipeDrives.given()) {
            // The first guard: plan everywhere, and format nothing anywhere without a go-ahead.
            RunResult planned = runPlaybook(runs, book, base, args(global, true), terminal);
            Map<String, List<Change>> formats = DrivesPlaybook.destructive(planned);
            int drives = formats.values().stream().mapToInt(List::size).sum();
            if (!planned.ok()) {
                runs.show(planned, terminal);
                return ExitCode.HOST_FAILED.code();
            }
            if (drives > 0) {
                runs.show(planned, terminal);
                long hostsFormatting = formats.values().stream().filter(l -> !l.isEmpty()).count();
                String what = drives + " drive" + (drives == 1 ? "" : "s") + " on " + hostsFormatting + " host"
                        + (hostsFormatting == 1 ? "" : "s");
                if (!terminal.confirmClusterName(inventory.cluster().name(), "Formatting " + what + " destroys their data.")
                        .orElse(false)) {
                    terminal.error("refused: formatting " + what + " destroys whatever is on them (listed above as DESTRUCTIVE); "
                            + "nothing was changed. Run again with --wipe-drives to format them.");
                    return ExitCode.USAGE.code();
                }
            }
            // Exactly what was planned (and shown) may be formatted: nothing, or the confirmed drives.
            book = DrivesPlaybook.of(foreign, formats);
        }
        RunResult result = runPlaybook(runs, book, base.withDryRun(false).withAllowDestructive(true), args(global, false), terminal);
        runs.show(result, terminal);
        return hostsOk(result.ok());
    }

    private static RunResult runPlaybook(PlaybookRun runs, Playbook book, RunOptions options, Map<String, String> args,
                                         Terminal terminal) {
        RunResult result = runs.execute(book, options, args, "playbook " + book.name(), runs.progress(terminal, book), terminal);
        if (!terminal.json()) {
            terminal.progress("journal: " + runs.journalOf(result.runId()));
        }
        return result;
    }

    /** The destructive changes of a saved dry run, by host; every host of this run must be in it. */
    static Map<String, List<Change>> reviewed(Path file, List<InventoryHost> hosts) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UsageException("--plan " + file + ": cannot read it as JSON: " + e.getMessage());
        }
        if (root == null || !root.path("dry_run").asBoolean(false) || !"drives".equals(root.path("playbook").asText())) {
            throw new UsageException("--plan " + file + ": not the JSON of 'aistorctl drives prepare --dry-run -o json'");
        }
        Map<String, List<Change>> out = new LinkedHashMap<>();
        for (JsonNode h : root.path("hosts")) {
            List<Change> changes = new ArrayList<>();
            for (JsonNode s : h.path("steps")) {
                for (JsonNode c : s.path("changes")) {
                    if (c.path("destructive").asBoolean(false)) {
                        changes.add(new Change(c.path("what").asText(), c.path("before").asText(), c.path("after").asText(), true));
                    }
                }
            }
            out.put(h.path("host").asText(), changes);
        }
        for (InventoryHost h : hosts) {
            if (!out.containsKey(h.name())) {
                throw new UsageException("--plan " + file + " has no plan for " + h.name() + "; plan it, or leave it out with --limit");
            }
        }
        return out;
    }

    private Map<String, String> args(GlobalOptions global, boolean dry) {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("command", "drives prepare");
        args.put("dry_run", String.valueOf(dry));
        args.put("wipe_drives", String.valueOf(wipeDrives.given()));
        args.put("wipe_foreign", String.join(",", wipeForeign));
        if (plan != null) {
            args.put("plan", plan.toString());
        }
        return global.withLimit(args);
    }
}
