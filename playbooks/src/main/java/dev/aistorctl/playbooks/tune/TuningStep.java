package dev.aistorctl.playbooks.tune;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.core.text.UnifiedDiff;
import dev.aistorctl.playbooks.Change;
import dev.aistorctl.playbooks.ChangeKey;
import dev.aistorctl.playbooks.Step;
import dev.aistorctl.playbooks.StepContext;
import dev.aistorctl.playbooks.StepPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What every tuning step shares: read all its settings (and the record of originals) in one command, plan
 * from what was read, and make every change in one more. Subclasses only say what to read and what each
 * setting should be; planning, reverting and recording originals are the same for all.
 *
 * <p>Tune: each applicable setting that differs becomes a change (current → wanted), and apply records the
 * value it replaces unless one is recorded already. Revert: each recorded setting becomes a change
 * (current → original), every file and link the step owns is removed unless it existed before, and apply
 * drops the step's entries from the record.
 */
abstract class TuningStep implements Step {
    protected final boolean revert;

    TuningStep(boolean revert) {
        this.revert = revert;
    }

    /** What to read: every value the step may set and every file it may write. */
    abstract ReadScript read();

    /**
     * Every target the step knows on this host, with the tune value wanted, or with the reason it is left
     * alone here. Files and links this step owns are always listed (wanted null when not needed), so
     * revert finds them.
     */
    abstract List<Target> targets(ObservedState state);

    /** Why there is nothing at all to tune here (no cpufreq, no NVMe), or null. */
    String nothingHere(ObservedState state, List<Target> targets) {
        return null;
    }

    /** Shell to run after the changes when any target of {@code kind} changed (reload systemd, udev). */
    String afterChanges(List<Target> changed) {
        return null;
    }

    @Override
    public StepPlan plan(StepContext context) {
        return plan(context.host(), observe(context), context);
    }

    @Override
    public void apply(StepContext context, StepPlan plan) {
        // The plan holds only what users read; apply works from a fresh read, so the record of originals is
        // merged with what is on the host now.
        ObservedState state = observe(context);
        ChangeScript script = changes(context.host(), state);
        if (!script.isEmpty()) {
            context.runChecked(script.command(), revert ? "restore the original settings" : "apply " + describe());
        }
    }

    /** The plan's one read, declared so that the runner may read it ahead with the other steps' reads. */
    @Override
    public List<Command> reads(StepContext context) {
        return List.of(readCommand());
    }

    final ObservedState observe(StepContext context) {
        ExecResult r = context.runChecked(readCommand(), "read the current settings for " + describe());
        return ObservedState.parse(context.host(), r.stdoutText());
    }

    /** Every setting of the step and the record of originals, in one command. */
    private Command readCommand() {
        return read().file(OriginalValues.PATH).command();
    }

    /** The plan from what was read; {@code notes} (may be null) hears about settings left alone. */
    final StepPlan plan(String host, ObservedState state, StepContext notes) {
        List<Target> targets = targets(state);
        OriginalValues originals = OriginalValues.parse(host, state.file(OriginalValues.PATH));
        List<Target> changing = changing(targets, originals);
        List<Target> leftAlone = targets.stream().filter(t -> !t.applicable()).toList();
        if (notes != null) {
            for (Target t : leftAlone) {
                notes.note("not applicable on this host: " + t.label() + " (" + t.leave() + ")");
            }
        }
        if (!changing.isEmpty()) {
            return StepPlan.changes(describe(), host, shown(changing));
        }
        String none = nothingHere(state, targets);
        if (none != null) {
            return StepPlan.nothingToDo(describe(), host, none);
        }
        List<String> why = new ArrayList<>();
        long held = targets.stream().filter(t -> t.applicable() && (t.kind() == Target.Kind.VALUE || t.kind() == Target.Kind.MTU)).count();
        if (revert) {
            why.add("nothing recorded to restore and no persisted file left");
        } else {
            long files = targets.stream().filter(t -> t.kind() == Target.Kind.FILE && t.wanted() != null).count();
            List<String> as = new ArrayList<>();
            if (held > 0) {
                as.add(held + " setting" + (held == 1 ? "" : "s"));
            }
            if (files > 0) {
                as.add(files + " persisted file" + (files == 1 ? "" : "s"));
            }
            if (!as.isEmpty()) {
                why.add(String.join(" and ", as) + " already as wanted");
            }
        }
        if (!leftAlone.isEmpty()) {
            why.add("not applicable on this host: " + leftAlone.stream().map(t -> t.label() + " (" + t.leave() + ")")
                    .collect(Collectors.joining(", ")));
        }
        return StepPlan.nothingToDo(describe(), host, why.isEmpty() ? "nothing to tune" : String.join("; ", why));
    }

    /** The targets that change, each with the value to make true in {@code wanted}. */
    final List<Target> changing(List<Target> targets, OriginalValues originals) {
        List<Target> out = new ArrayList<>();
        for (Target t : targets) {
            String want;
            if (revert) {
                if (originals.has(t.id())) {
                    want = originals.get(t.id()).orElse(null);
                } else if (t.kind() == Target.Kind.FILE || t.kind() == Target.Kind.LINK) {
                    want = null;
                } else {
                    continue;
                }
            } else {
                if (!t.applicable()) {
                    continue;
                }
                want = t.wanted();
            }
            if (!t.holds(want)) {
                out.add(new Target(t.kind(), t.id(), t.label(), t.group(), t.path(), t.current(), want, null));
            }
        }
        return out;
    }

    /** Alike changes of a group (one per CPU) shown as one; the rest one by one, in target order. */
    private static List<Change> shown(List<Target> changing) {
        Map<String, List<Target>> groups = new LinkedHashMap<>();
        for (Target t : changing) {
            String key = t.group() == null ? "\u0000" + t.id() : t.group() + "\u0000" + t.current() + "\u0000" + t.wanted();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(t);
        }
        List<Change> out = new ArrayList<>();
        for (List<Target> g : groups.values()) {
            Target first = g.get(0);
            String what = first.group() == null ? first.label() : String.format(first.group(), g.size());
            Change c = Change.of(ChangeKey.of(first.kind().name().toLowerCase(java.util.Locale.ROOT),
                    String.join(",", g.stream().map(t -> t.path() == null ? t.id() : t.path()).toList())), what, first.show(first.current()), first.show(first.wanted()));
            // A file's plan shows what it will hold; removing a file (revert) says so in its line.
            out.add(first.kind() == Target.Kind.FILE && first.wanted() != null
                    ? c.withDiff(UnifiedDiff.of(first.path(), first.current(), first.wanted())) : c);
        }
        return out;
    }

    /** The script making every change planned from {@code state}, with the record of originals kept up to date. */
    final ChangeScript changes(String host, ObservedState state) {
        List<Target> targets = targets(state);
        OriginalValues before = OriginalValues.parse(host, state.file(OriginalValues.PATH));
        List<Target> changing = changing(targets, before);
        ChangeScript script = new ChangeScript();
        if (changing.isEmpty()) {
            return script;
        }
        OriginalValues after = before;
        if (revert) {
            after = before.without(targets.stream().map(Target::id).toList());
        } else {
            for (Target t : changing) {
                after = after.recordIfNew(t.id(), t.current());
            }
            // Recorded first: if a change fails half-way, the record still holds what the host had.
            writeRecord(script, after);
        }
        for (Target t : changing) {
            switch (t.kind()) {
                case VALUE -> script.value(t.path(), t.wanted());
                case MTU -> script.mtu(t.path(), t.wanted());
                case FILE -> {
                    if (t.wanted() == null) {
                        script.remove(t.path());
                    } else {
                        script.file(t.path(), t.wanted());
                    }
                }
                case LINK -> {
                    if (t.wanted() == null) {
                        script.remove(t.path());
                    } else {
                        script.link(t.path(), t.wanted());
                    }
                }
            }
        }
        String after2 = afterChanges(changing);
        if (after2 != null) {
            script.raw(after2);
        }
        if (revert && !after.equals(before)) {
            writeRecord(script, after);
        }
        return script;
    }

    private static void writeRecord(ChangeScript script, OriginalValues record) {
        if (record.isEmpty()) {
            script.remove(OriginalValues.PATH);
        } else {
            script.file(OriginalValues.PATH, record.render());
        }
    }

    /** A value read from sysfs as plain text, or the bracketed choice of a multiple-choice file. */
    static String selected(String value) {
        int open = value.indexOf('[');
        int close = value.indexOf(']', open + 1);
        return open >= 0 && close > open ? value.substring(open + 1, close) : value.strip();
    }

    static Optional<String> present(String s) {
        return s == null || s.isEmpty() ? Optional.empty() : Optional.of(s);
    }
}
