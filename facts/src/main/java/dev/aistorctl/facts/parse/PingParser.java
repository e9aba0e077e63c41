package dev.aistorctl.facts.parse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What iputils {@code ping -M do -s SIZE -c N PEER} said: how many probes crossed and, when none
 * did, why. A don't-fragment probe too big for the sender's own link fails locally ("local error:
 * message too long, mtu=1500"); too big for a hop on the way, the hop answers "Frag needed and DF set
 * (mtu = 1500)"; too big for the receiver's link it simply vanishes (100 % loss, sometimes with
 * "sendmsg: No buffer space available" from the sending side).
 */
public final class PingParser {
    private static final Pattern STATISTICS = Pattern.compile("(\\d+) packets transmitted, (\\d+) received");
    private static final Pattern LOCAL_MTU = Pattern.compile("message too long, mtu=(\\d+)");
    private static final Pattern HOP_MTU = Pattern.compile("Frag needed and DF set \\(mtu = (\\d+)\\)");

    private PingParser() {
    }

    /**
     * @param transmitted probes sent (null when ping never got to its statistics)
     * @param received    replies
     * @param mtu         the smaller MTU that ping learned of (the sender's or a hop's), null when none was named
     * @param problem     why no probe crossed, in ping's words; null when one did
     */
    public record PingResult(Integer transmitted, Integer received, Integer mtu, String problem) {
        public boolean crossed() {
            return received != null && received > 0 && problem == null;
        }
    }

    public static PingResult parse(String stdout, String stderr, int exitCode) {
        String all = stdout + "\n" + stderr;
        Matcher stats = STATISTICS.matcher(stdout);
        Integer sent = null;
        Integer received = null;
        if (stats.find()) {
            sent = Integer.parseInt(stats.group(1));
            received = Integer.parseInt(stats.group(2));
        }
        Integer mtu = null;
        String problem = null;
        Matcher local = LOCAL_MTU.matcher(all);
        Matcher hop = HOP_MTU.matcher(all);
        if (local.find()) {
            mtu = Integer.valueOf(local.group(1));
            problem = "the sender's own link has MTU " + mtu + " (ping: " + local.group() + ")";
        } else if (hop.find()) {
            mtu = Integer.valueOf(hop.group(1));
            problem = "a hop on the way has MTU " + mtu + " (" + hop.group() + ")";
        } else if (received == null) {
            String first = Text.blankToNull(stderr) == null ? "no output" : stderr.strip().split("\n")[0];
            problem = "ping did not run to the end (exit " + exitCode + "): " + first;
        } else if (received == 0) {
            String first = Text.blankToNull(stderr) == null ? "" : " (" + stderr.strip().split("\n")[0] + ")";
            problem = "no reply to " + sent + " don't-fragment probes: a link on the way or the peer's own has a smaller MTU" + first;
        }
        return new PingResult(sent, received, mtu, problem);
    }
}
