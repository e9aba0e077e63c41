package dev.aistorctl.hwcheck.accept;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What one data drive did alone: sequential read and write in decimal MB/s with direct I/O, and what
 * the host says the drive is, for the hints. {@code image} is the backing file of a loop device (a lab
 * drive), where a real drive has a serial. {@code linkNow}/{@code linkMax} are the PCIe link as sysfs
 * gives it ("2.5 GT/s PCIe x1"), null where the drive has none.
 */
public record DriveThroughput(
        @JsonProperty("host") String host,
        @JsonProperty("mount") String mount,
        @JsonProperty("device") String device,
        @JsonProperty("model") String model,
        @JsonProperty("serial") String serial,
        @JsonProperty("image") String image,
        @JsonProperty("firmware") String firmware,
        @JsonProperty("link_now") String linkNow,
        @JsonProperty("link_max") String linkMax,
        @JsonProperty("read_mbps") double readMbps,
        @JsonProperty("write_mbps") double writeMbps) {

    /** How a finding names the drive: its mount point and what identifies the hardware behind it. */
    public String label() {
        String id = serial != null ? "serial " + serial : image != null ? "image " + image : device;
        return mount + (id == null ? "" : " (" + device + ", " + id + ")");
    }

    /** The model drives are compared within; drives that report none (loop devices) form one group. */
    public String modelGroup() {
        return model == null || model.isBlank() ? "(no model)" : model.strip();
    }

    boolean linkBelowCapability() {
        return linkNow != null && linkMax != null && !linkNow.equals(linkMax);
    }
}
