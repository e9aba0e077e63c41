package dev.aistorctl.playbooks;

import dev.aistorctl.playbooks.drives.XfsDrives;
import dev.aistorctl.playbooks.node.EmptyDataDirectories;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the person gave for a reviewed plan, and the one rule that turns it into apply, ask or refuse.
 *
 * <p>The rule: a plan with no changes needs nothing. Destroying data (formats, emptied data directories)
 * needs the destructive flag ({@code --wipe-drives}), or the cluster's name typed in answer to a
 * question that named the destruction; a typed name that answered "apply this plan?" confirms the
 * cluster, not the loss of the data, so it does not cover destruction. Other changes need a go-ahead
 * only where the command asks for one ({@link Asks#EVERY_CHANGE}): {@code --yes} or the name typed.
 *
 * @param yes              {@code --yes}: apply the other changes without asking
 * @param allowDestructive the destructive flag was given
 * @param destructiveFlag  its name, for the refusal ({@code --wipe-drives})
 * @param typed            what came of asking for the cluster's name
 */
public record GoAhead(boolean yes, boolean allowDestructive, String destructiveFlag, Typed typed) {

    public enum Decision {
        /** Apply the plan. */
        APPLY,
        /** Destructive changes without their go-ahead: nothing is changed. */
        REFUSE_DESTRUCTIVE,
        /** Ask for the cluster's name ({@link Verdict#text()} is the question), then decide again with the answer. */
        ASK,
        /** Changes without a go-ahead (no terminal to ask on, or the name mistyped): nothing is changed. */
        REFUSE
    }

    /** What asking for the cluster's name gave. */
    public enum Typed {
        NOT_ASKED, CONFIRMED, NOT_CONFIRMED, NO_TERMINAL;

        /** From a terminal's answer: empty when there is no terminal to ask on. */
        public static Typed of(java.util.Optional<Boolean> answer) {
            return answer.map(a -> a ? CONFIRMED : NOT_CONFIRMED).orElse(NO_TERMINAL);
        }
    }

    /** Which changes need a go-ahead at all. */
    public enum Asks {
        /** Every change ({@code provision}): the question is "apply this plan?"; destruction needs the flag. */
        EVERY_CHANGE,
        /** Only destruction ({@code drives prepare}): the question names the destruction and a typed name covers it. */
        DESTRUCTIVE_CHANGES
    }

    /**
     * The outcome for the plans a person reviewed together.
     *
     * @param text                the question to ask (ASK) or the refusal to print (REFUSE, REFUSE_DESTRUCTIVE); null for APPLY
     * @param destructiveByPlanRun by the run id of each reviewed plan, how many destructive changes it holds
     */
    public record Verdict(Decision decision, String text, Map<String, Integer> destructiveByPlanRun) {
        public Verdict {
            destructiveByPlanRun = Map.copyOf(destructiveByPlanRun);
        }

        /** Whether this verdict lets {@link Runner#apply} apply {@code plan}: an APPLY given for that very plan. */
        public boolean approves(RunPlan plan) {
            return decision == Decision.APPLY
                    && Integer.valueOf(plan.destructiveChanges().size()).equals(destructiveByPlanRun.get(plan.runId()));
        }
    }

    public GoAhead {
        Objects.requireNonNull(typed, "typed");
        destructiveFlag = destructiveFlag == null ? "--allow-destructive" : destructiveFlag;
    }

    /** Nothing given yet: no --yes, no destructive flag, not asked. */
    public static GoAhead none(String destructiveFlag) {
        return new GoAhead(false, false, destructiveFlag, Typed.NOT_ASKED);
    }

    public GoAhead withTyped(Typed t) {
        return new GoAhead(yes, allowDestructive, destructiveFlag, t);
    }

    /** The verdict for {@code plan} of cluster {@code cluster}. */
    public Verdict decide(RunPlan plan, String cluster, Asks asks) {
        return decide(List.of(plan), cluster, asks);
    }

    /** The verdict for {@code plans}, reviewed together (one install's drives, tuning and node), of cluster {@code cluster}. */
    public Verdict decide(List<RunPlan> plans, String cluster, Asks asks) {
        int changes = plans.stream().mapToInt(p -> p.changes().size()).sum();
        List<Change> destructive = plans.stream().flatMap(p -> p.destructiveChanges().stream()).toList();
        long hostsDestroying = plans.stream().flatMap(p -> p.hosts().stream())
                .filter(h -> h.changes().stream().anyMatch(Change::destructive)).map(HostPlan::host).distinct().count();
        Decision d = decide(asks, changes, destructive.size(), yes, allowDestructive, typed);
        String destruction = destruction(destructive, hostsDestroying);
        String text = switch (d) {
            case APPLY -> null;
            case REFUSE_DESTRUCTIVE -> "refused: " + destruction + " destroys whatever is on them (listed above as "
                    + "DESTRUCTIVE); nothing was changed. Run again with " + destructiveFlag + " to "
                    + (destructive.stream().allMatch(c -> c.key().kind().equals(XfsDrives.KEY_KIND)) ? "format" : "allow")
                    + " them.";
            case ASK -> asks == Asks.DESTRUCTIVE_CHANGES
                    ? Character.toUpperCase(destruction.charAt(0)) + destruction.substring(1) + " destroys their data."
                    : "Apply this plan to cluster " + cluster + "?";
            case REFUSE -> typed == Typed.NOT_CONFIRMED ? "refused: the cluster's name was not typed; nothing was changed"
                    : "refused: " + changes + " changes planned and no confirmation; nothing was changed. "
                            + "Run again with --yes (or on a terminal, to type the cluster's name).";
        };
        Map<String, Integer> byPlan = new LinkedHashMap<>();
        plans.forEach(p -> byPlan.put(p.runId(), p.destructiveChanges().size()));
        return new Verdict(d, text, byPlan);
    }

    /** The rule itself, as a table of what was planned and what was given. */
    static Decision decide(Asks asks, int changes, int destructive, boolean yes, boolean allowDestructive, Typed typed) {
        if (changes == 0) {
            return Decision.APPLY;
        }
        boolean destroys = destructive > 0 && !allowDestructive;
        if (asks == Asks.DESTRUCTIVE_CHANGES) {
            if (!destroys) {
                return Decision.APPLY;
            }
            return switch (typed) {
                case CONFIRMED -> Decision.APPLY;
                case NOT_ASKED -> Decision.ASK;
                case NOT_CONFIRMED, NO_TERMINAL -> Decision.REFUSE_DESTRUCTIVE;
            };
        }
        if (destroys) {
            return Decision.REFUSE_DESTRUCTIVE;
        }
        if (yes) {
            return Decision.APPLY;
        }
        return switch (typed) {
            case CONFIRMED -> Decision.APPLY;
            case NOT_ASKED -> Decision.ASK;
            case NOT_CONFIRMED, NO_TERMINAL -> Decision.REFUSE;
        };
    }

    /** "formatting 4 drives on 2 hosts", "emptying 1 data directory on 1 host", by the changes' keys. */
    static String destruction(List<Change> destructive, long hosts) {
        long formats = destructive.stream().filter(c -> c.key().kind().equals(XfsDrives.KEY_KIND)).count();
        long wipes = destructive.stream().filter(c -> c.key().kind().equals(EmptyDataDirectories.KEY_KIND)).count();
        long other = destructive.size() - formats - wipes;
        List<String> parts = new ArrayList<>();
        if (formats > 0) {
            parts.add("formatting " + plural(formats, "drive", "drives"));
        }
        if (wipes > 0) {
            parts.add("emptying " + plural(wipes, "data directory", "data directories"));
        }
        if (other > 0) {
            parts.add("making " + plural(other, "destructive change", "destructive changes"));
        }
        return String.join(" and ", parts) + " on " + plural(hosts, "host", "hosts");
    }

    private static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
