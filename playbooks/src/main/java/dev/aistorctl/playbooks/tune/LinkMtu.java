package dev.aistorctl.playbooks.tune;

import dev.aistorctl.playbooks.StepParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The network links that are up carry the profile's MTU, and their ring buffers are reported against the
 * driver's maximum (ethtool -g). Changing the MTU of the link the controller is connected through can cut
 * the connection (every switch port on the path must carry the larger frames), so it is only reported unless
 * {@code apply_mtu} (the CLI's --apply-mtu) asks for it. The MTU is set live with ip(8); persisting it belongs
 * to the host's network configuration (netplan, networkd, ifupdown), which tune does not own.
 */
public final class LinkMtu extends TuningStep {
    public static final String TYPE = "nic";
    // Links that are up, except loopback and bridges (their MTU follows their ports).
    private static final String LINKS = """
            for d in /sys/class/net/*; do i=${d##*/}; [ "$i" = lo ] && continue; [ -e "$d/bridge" ] && continue
              [ "$(cat "$d/operstate" 2>/dev/null)" = up ] || continue
              x "mtu $i" cat "$d/mtu"; x "ring $i" ethtool -g "$i"
            done""";

    private final Integer mtu;
    private final boolean applyMtu;

    public LinkMtu(Integer mtu, boolean applyMtu, boolean revert) {
        super(revert);
        this.mtu = mtu;
        this.applyMtu = applyMtu;
    }

    public static LinkMtu fromParams(StepParams params) {
        return fromParams(params, TuneDefaults.STANDARD);
    }

    public static LinkMtu fromParams(StepParams params, TuneDefaults defaults) {
        TuneParams.allow(params, "apply_mtu");
        TuningProfile p = TuneParams.profile(params, defaults);
        return new LinkMtu(p.mtu().orElse(null), params.bool("apply_mtu", defaults.applyMtu()), TuneParams.revert(params, defaults));
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return (revert ? "revert " : "") + "network links" + (mtu == null ? "" : " (MTU " + mtu + (applyMtu ? "" : ", reported only") + ")");
    }

    @Override
    ReadScript read() {
        return new ReadScript().raw(LINKS);
    }

    @Override
    List<Target> targets(ObservedState state) {
        List<Target> out = new ArrayList<>();
        links(state).forEach((iface, current) -> {
            if (mtu != null && (applyMtu || revert)) {
                out.add(new Target(Target.Kind.MTU, "mtu " + iface, iface + " MTU", null, iface, current, String.valueOf(mtu), null));
            }
        });
        return out;
    }

    /** The MTUs of the links that are up, by name. */
    private static Map<String, String> links(ObservedState state) {
        Map<String, String> out = new TreeMap<>();
        state.outputs().forEach((tag, o) -> {
            if (tag.startsWith("mtu ") && o.ok()) {
                out.put(tag.substring(4), o.text().strip());
            }
        });
        return out;
    }

    @Override
    String nothingHere(ObservedState state, List<Target> targets) {
        Map<String, String> links = links(state);
        if (links.isEmpty()) {
            return "no network link is up";
        }
        List<String> report = new ArrayList<>();
        links.forEach((iface, current) -> {
            String line = iface + ": MTU " + current;
            if (mtu != null && !String.valueOf(mtu).equals(current) && !applyMtu) {
                line += " (profile: " + mtu + "; changed only with --apply-mtu, as it can cut the connection)";
            }
            line += ", rings " + Rings.parse(state.output("ring " + iface).orElse(null)).describe();
            report.add(line);
        });
        return String.join("; ", report);
    }

    /** Ring sizes from ethtool -g: current and the driver's maximum. */
    record Rings(String rx, String rxMax, String tx, String txMax, String problem) {
        static Rings parse(ObservedState.Output o) {
            if (o == null) {
                return new Rings(null, null, null, null, "not read");
            }
            if (!o.ok()) {
                String why = o.text().strip();
                return new Rings(null, null, null, null, why.contains("not found") ? "unknown (no ethtool)"
                        : "not reported by the driver" + (why.isEmpty() ? "" : " (" + ObservedState.shortError(why) + ")"));
            }
            Map<String, String> max = new TreeMap<>();
            Map<String, String> cur = new TreeMap<>();
            Map<String, String> section = null;
            for (String line : o.text().split("\n")) {
                if (line.startsWith("Pre-set maximums")) {
                    section = max;
                } else if (line.startsWith("Current hardware settings")) {
                    section = cur;
                } else if (section != null && line.contains(":")) {
                    section.put(line.substring(0, line.indexOf(':')).strip(), line.substring(line.indexOf(':') + 1).strip());
                }
            }
            return new Rings(cur.get("RX"), max.get("RX"), cur.get("TX"), max.get("TX"), null);
        }

        String describe() {
            if (problem != null) {
                return problem;
            }
            String d = "rx " + rx + " of " + rxMax + ", tx " + tx + " of " + txMax;
            boolean below = !String.valueOf(rx).equals(rxMax) || !String.valueOf(tx).equals(txMax);
            return below ? d + " (below the maximum: ethtool -G can raise them)" : d;
        }
    }
}
