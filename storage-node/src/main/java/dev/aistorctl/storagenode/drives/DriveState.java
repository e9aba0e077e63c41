package dev.aistorctl.storagenode.drives;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a device stands: {@link #ELIGIBLE} may be formatted (no deny reason), {@link #PREPARED} is
 * this cluster's drive already (kept as it is, never formatted), {@link #DENIED} is neither.
 */
public enum DriveState {
    ELIGIBLE,
    PREPARED,
    DENIED;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
