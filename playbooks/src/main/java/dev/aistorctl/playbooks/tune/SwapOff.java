package dev.aistorctl.playbooks.tune;

import dev.aistorctl.playbooks.StepContext;
import dev.aistorctl.playbooks.StepParams;
import dev.aistorctl.playbooks.StepPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * No swap: every swap line of /etc/fstab commented out (so none comes back at boot) and swap turned
 * off now. fstab is recorded before the first change, so {@code --revert} puts it back and turns its
 * swap on again. A host whose fstab has no active swap line plans nothing, whatever else it holds.
 */
public final class SwapOff extends TuningStep {
    public static final String TYPE = "swap";
    static final String FSTAB = "/etc/fstab";
    /** What a commented line starts with, so that it reads as ours and revert could tell it apart. */
    static final String MARK = "#aistor-swapoff# ";

    private final boolean wanted;

    public SwapOff(boolean wanted, boolean revert) {
        super(revert);
        this.wanted = wanted;
    }

    public static SwapOff fromParams(StepParams params) {
        return fromParams(params, TuneDefaults.STANDARD);
    }

    public static SwapOff fromParams(StepParams params, TuneDefaults defaults) {
        TuneParams.allow(params);
        TuningProfile p = TuneParams.profile(params, defaults);
        return new SwapOff(p.swapOff(), TuneParams.revert(params, defaults));
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return (revert ? "revert " : "") + "swap off";
    }

    @Override
    ReadScript read() {
        return new ReadScript().file(FSTAB).file("/proc/swaps");
    }

    @Override
    List<Target> targets(ObservedState state) {
        Optional<String> fstab = state.file(FSTAB);
        if (!wanted || fstab.isEmpty()) {
            return List.of();
        }
        String commented = commentSwap(fstab.get());
        // Revert restores only what tune recorded: fstab is never removed, and an fstab tune did not touch stays as it is.
        boolean recorded = OriginalValues.parse("", state.file(OriginalValues.PATH)).has("file " + FSTAB);
        if (revert && !recorded) {
            return List.of();
        }
        return List.of(Target.file(FSTAB, fstab.get(), commented));
    }

    @Override
    String nothingHere(ObservedState state, List<Target> targets) {
        if (!wanted) {
            return "the profile does not ask for swap off";
        }
        return state.file(FSTAB).isEmpty() ? "no /etc/fstab here" : null;
    }

    @Override
    String afterChanges(List<Target> changed) {
        // on revert the swap lines just restored (-e: skipping areas that no longer exist); on tune every swap area
        return revert ? "swapon -a -e" : "swapoff -a";
    }

    @Override
    public StepPlan plan(StepContext context) {
        ObservedState state = observe(context);
        StepPlan plan = plan(context.host(), state, context);
        if (!revert && wanted && activeSwap(state.file("/proc/swaps").orElse("")) && plan.changes().isEmpty()) {
            context.note("swap is active but not in /etc/fstab (turned on by hand or by a unit): turn it off with swapoff -a");
        }
        return plan;
    }

    /** Every uncommented fstab line whose type (third field) is swap, commented with {@link #MARK}. */
    static String commentSwap(String fstab) {
        List<String> out = new ArrayList<>();
        for (String line : fstab.split("\n", -1)) {
            String[] f = line.strip().split("\\s+");
            boolean swap = !line.strip().startsWith("#") && f.length >= 3 && f[2].equals("swap");
            out.add(swap ? MARK + line : line);
        }
        return String.join("\n", out);
    }

    static boolean activeSwap(String procSwaps) {
        return procSwaps.lines().skip(1).anyMatch(l -> !l.isBlank());
    }
}
