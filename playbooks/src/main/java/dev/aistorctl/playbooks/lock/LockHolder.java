package dev.aistorctl.playbooks.lock;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;

/** Who holds a host's run lock, as written next to the lock for the next run to read. */
public record LockHolder(String runId, String controller, String user, long pid, Instant started) {

    /** This controller process, for run {@code runId} starting now. */
    public static LockHolder thisProcess(String runId, Instant started) {
        String controller;
        try {
            controller = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            controller = System.getenv().getOrDefault("HOSTNAME", "unknown");
        }
        return new LockHolder(runId, controller, System.getProperty("user.name", "unknown"),
                ProcessHandle.current().pid(), started);
    }

    /**
     * Where a person sees what the holder is doing: its runs are journaled on its own controller, by its own user.
     * A provision holds the lock under its own id while its playbook runs are journaled under theirs, so the list of
     * runs is named, not one run's journal.
     */
    public String whereToLook() {
        return "see what it is doing on " + controller + " as " + user + ": 'aistorctl runs list' there lists its runs and"
                + " 'aistorctl runs show RUN_ID' each one's journal (in ~/.aistorctl/runs, or $AISTORCTL_HOME/runs)";
    }

    /** "run 20261125T151900Z-ab12 (alice@ctl01, pid 4242) since 2026-11-25T15:19:00Z". */
    public String describe() {
        return "run " + runId + " (" + user + "@" + controller + ", pid " + pid + ") since " + started;
    }
}
