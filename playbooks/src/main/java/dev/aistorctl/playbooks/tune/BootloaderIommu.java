package dev.aistorctl.playbooks.tune;

import dev.aistorctl.playbooks.StepContext;
import dev.aistorctl.playbooks.StepParams;
import dev.aistorctl.playbooks.StepPlan;
import java.util.Arrays;
import java.util.List;

/**
 * The IOMMU in passthrough from the next boot: a GRUB drop-in that appends the kernel argument
 * ({@code iommu.passthrough=1} on arm64, {@code iommu=pt} on x86) and {@code update-grub}. The kernel
 * reads its command line only at boot, so the setting stays pending until the host has rebooted with
 * it, and tune never reboots by itself. Without GRUB (or without /etc/default/grub.d) the step writes
 * nothing and says to set the argument by hand: a half-written boot configuration is worse than none.
 */
public final class BootloaderIommu extends TuningStep {
    public static final String TYPE = "bootloader-iommu";
    static final String DROP_IN = "/etc/default/grub.d/aistor-iommu.cfg";
    static final String GRUB_DEFAULTS = "/etc/default/grub";
    static final String CMDLINE = "/proc/cmdline";
    static final String ARM64_ARG = "iommu.passthrough=1";
    static final String X86_ARG = "iommu=pt";

    private final String profile;
    private final boolean wanted;

    public BootloaderIommu(String profile, boolean wanted, boolean revert) {
        super(revert);
        this.profile = profile;
        this.wanted = wanted;
    }

    public static BootloaderIommu fromParams(StepParams params) {
        return fromParams(params, TuneDefaults.STANDARD);
    }

    public static BootloaderIommu fromParams(StepParams params, TuneDefaults defaults) {
        TuneParams.allow(params);
        TuningProfile p = TuneParams.profile(params, defaults);
        return new BootloaderIommu(p.name(), p.iommuPassthrough(), TuneParams.revert(params, defaults));
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return (revert ? "revert " : "") + "iommu passthrough at boot";
    }

    @Override
    ReadScript read() {
        return new ReadScript().file(DROP_IN).file(GRUB_DEFAULTS).file(CMDLINE)
                .command("grub.d", "test", "-d", "/etc/default/grub.d")
                .command("update-grub", "sh", "-c", "command -v update-grub")
                .command("machine", "uname", "-m");
    }

    @Override
    List<Target> targets(ObservedState state) {
        String current = state.file(DROP_IN).orElse(null);
        String missing = missingGrub(state);
        if (missing != null && current == null) {
            return List.of(Target.notApplicable("bootloader " + DROP_IN, "kernel argument " + argument(state), DROP_IN, null,
                    missing + ": set " + argument(state) + " on the kernel command line by hand"));
        }
        return List.of(Target.file(DROP_IN, current, wanted ? render(profile, argument(state)) : null));
    }

    @Override
    String nothingHere(ObservedState state, List<Target> targets) {
        return wanted ? null : "the profile does not ask for IOMMU passthrough";
    }

    @Override
    String afterChanges(List<Target> changed) {
        return "update-grub";
    }

    @Override
    public StepPlan plan(StepContext context) {
        ObservedState state = observe(context);
        StepPlan plan = plan(context.host(), state, context);
        if (!revert && wanted && missingGrub(state) == null && !booted(state)) {
            context.note("pending: " + argument(state) + " takes effect at the next reboot (" + CMDLINE + " does not show it yet); "
                    + "tune never reboots by itself");
        }
        return plan;
    }

    /** Whether the running kernel was booted with the argument. */
    static boolean booted(ObservedState state) {
        String arg = argument(state);
        return state.file(CMDLINE).map(c -> Arrays.asList(c.strip().split("\\s+")).contains(arg)).orElse(false);
    }

    static String argument(ObservedState state) {
        boolean arm = state.output("machine").map(o -> o.text().strip().equals("aarch64")).orElse(false);
        return arm ? ARM64_ARG : X86_ARG;
    }

    /** Why GRUB cannot take the drop-in here, or null. */
    static String missingGrub(ObservedState state) {
        if (state.file(GRUB_DEFAULTS).isEmpty()) {
            return "no GRUB here (" + GRUB_DEFAULTS + " is missing)";
        }
        if (state.output("grub.d").map(o -> o.exitCode() != 0).orElse(true)) {
            return "GRUB here reads no drop-ins (/etc/default/grub.d is missing)";
        }
        if (state.output("update-grub").map(o -> o.exitCode() != 0).orElse(true)) {
            return "update-grub is not installed";
        }
        return null;
    }

    static String render(String profile, String argument) {
        return "# Written by aistorctl tune (profile " + profile + "): the IOMMU in passthrough, so storage and network DMA\n"
                + "# bypass address translation. Read by update-grub; takes effect at the next boot. aistorctl tune --revert removes it.\n"
                + "GRUB_CMDLINE_LINUX_DEFAULT=\"$GRUB_CMDLINE_LINUX_DEFAULT " + argument + "\"\n";
    }
}
