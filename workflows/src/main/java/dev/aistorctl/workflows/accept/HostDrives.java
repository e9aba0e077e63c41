package dev.aistorctl.workflows.accept;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.aistorctl.hwcheck.accept.DriveThroughput;
import java.util.List;

/**
 * What one host's data drives did: the tool used, each drive's identity and figures alone (what the
 * gates judge), every drive at once (what the server does under load) and their sum, and why a drive
 * or the whole host could not be measured.
 */
public record HostDrives(
        @JsonProperty("host") String host,
        @JsonProperty("tool") String tool,
        @JsonProperty("drives") List<DriveThroughput> drives,
        @JsonProperty("together") List<DrivePass> together,
        @JsonProperty("together_write_mbps") double togetherWriteMbps,
        @JsonProperty("together_read_mbps") double togetherReadMbps,
        @JsonProperty("seconds") double seconds,
        @JsonProperty("problems") List<String> problems) {

    public HostDrives {
        drives = List.copyOf(drives);
        together = List.copyOf(together);
        problems = List.copyOf(problems);
    }

    static HostDrives failed(String host, String problem) {
        return new HostDrives(host, null, List.of(), List.of(), 0, 0, 0, List.of(problem));
    }
}
