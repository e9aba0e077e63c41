package dev.aistorctl.cli.drives;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import dev.aistorctl.cli.BreakLockOption;
import dev.aistorctl.cli.CliCommand;
import dev.aistorctl.cli.FanoutOptions;
import dev.aistorctl.cli.GlobalOptions;
import dev.aistorctl.cli.Terminal;
import dev.aistorctl.cli.WipeDrivesOption;
import dev.aistorctl.core.ExitCode;
import dev.aistorctl.core.UsageException;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.workflows.drives.DrivesPrepare;
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
            description = "Apply exactly this reviewed plan (the JSON of --dry-run -o json): a host whose drives or state no longer give the same plan, drive for drive and fingerprint for fingerprint, is refused untouched.")
    Path plan;

    @Mixin
    FanoutOptions fanout;

    @Mixin
    BreakLockOption breakLock;

    @Override
    protected int run(Terminal terminal, GlobalOptions global) {
        if (!wipeForeign.isEmpty() && !wipeDrives.given() && !dryRun) {
            throw new UsageException("--wipe-foreign needs --wipe-drives: it names drives whose data may be destroyed");
        }
        if (plan != null && dryRun) {
            throw new UsageException("--plan applies a reviewed plan; --dry-run makes one: give one of them");
        }
        Inventory inventory = global.loadInventoryToConnect();
        List<InventoryHost> hosts = global.requireHosts(inventory, "to prepare");
        Set<String> foreign = new TreeSet<>(wipeForeign.stream().map(String::strip).filter(s -> !s.isEmpty()).toList());
        DrivesPrepare.Request request = new DrivesPrepare.Request(inventory, hosts, foreign, dryRun, wipeDrives.given(),
                Optional.ofNullable(plan).map(p -> DrivesPrepare.reviewedPlan(p, hosts)), fanout.parallel(hosts.size()),
                fanout.acceptNewHostKeys(), breakLock.runId(), args(global));
        return switch (new DrivesPrepare(request, terminal).run().outcome()) {
            case OK -> ExitCode.OK.code();
            case FAILED -> ExitCode.HOST_FAILED.code();
            case REFUSED -> ExitCode.USAGE.code();
        };
    }

    private Map<String, String> args(GlobalOptions global) {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("command", "drives prepare");
        args.put("wipe_drives", String.valueOf(wipeDrives.given()));
        args.put("wipe_foreign", String.join(",", wipeForeign));
        if (plan != null) {
            args.put("plan", plan.toString());
        }
        return global.withLimit(args);
    }
}
