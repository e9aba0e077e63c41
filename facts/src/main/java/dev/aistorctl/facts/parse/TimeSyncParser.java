package dev.aistorctl.facts.parse;

import dev.aistorctl.facts.facts.SystemTuning.TimeSync;
import java.util.Map;

/** Clock synchronisation as {@code timedatectl show} and {@code chronyc tracking} print it. */
public final class TimeSyncParser {
    private static final String UNSET_REFERENCE = "00000000";

    private TimeSyncParser() {
    }

    /** {@code timedatectl show}: KEY=VALUE lines; NTPSynchronized is the kernel's own "clock is synchronised" flag. */
    public static TimeSync timedatectl(String text) {
        Map<String, String> kv = KeyValues.parse(text, '=');
        String synced = kv.get("NTPSynchronized");
        if (synced == null) {
            throw new IllegalArgumentException("no NTPSynchronized= line");
        }
        String ntp = kv.get("NTP");
        return new TimeSync("timedatectl", synced.equals("yes"), ntp == null ? null : "NTP=" + ntp, null);
    }

    /**
     * {@code chronyc tracking}: "Key : value" lines. Synchronised means a reference is selected and
     * the leap status is not "Not synchronised" (chrony's own unsynchronised state). Empty text
     * (no chronyc on the host) gives null.
     */
    public static TimeSync chronyTracking(String text) {
        if (text.isBlank()) {
            return null; // chronyc is not installed: the gather prints nothing
        }
        Map<String, String> kv = KeyValues.parse(text, ':');
        String leap = kv.get("Leap status");
        String reference = kv.get("Reference ID");
        if (leap == null || reference == null) {
            throw new IllegalArgumentException("no 'Reference ID' or 'Leap status' line");
        }
        boolean selected = !reference.startsWith(UNSET_REFERENCE);
        boolean synced = selected && !leap.equalsIgnoreCase("Not synchronised");
        return new TimeSync("chronyc", synced, "leap status " + leap, selected ? reference : null);
    }
}
