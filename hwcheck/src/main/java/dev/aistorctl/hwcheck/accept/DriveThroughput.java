package dev.aistorctl.hwcheck.accept;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * What one data drive did alone: sequential read and write in decimal MB/s with direct I/O, and what
 * the host says the drive is, for the hints. {@code image} is the backing file of a loop device (a lab
 * drive), where a real drive has a serial. {@code linkNow}/{@code linkMax} are the PCIe link as sysfs
 * gives it ("2.5 GT/s PCIe x1"), null where the drive has none; {@code upstream} the PCIe ports between the drive
 * and the root complex, nearest first, each with its own link (empty where there are none).
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
        @JsonProperty("write_mbps") double writeMbps,
        @JsonProperty("upstream") List<PortLink> upstream) {

    public DriveThroughput {
        upstream = upstream == null ? List.of() : List.copyOf(upstream);
    }

    /** A drive with no PCIe port above it, or whose ports are not known. */
    public DriveThroughput(String host, String mount, String device, String model, String serial, String image, String firmware,
                           String linkNow, String linkMax, double readMbps, double writeMbps) {
        this(host, mount, device, model, serial, image, firmware, linkNow, linkMax, readMbps, writeMbps, List.of());
    }

    /** A PCIe port's link as sysfs gives it: its address, what it runs at and what it is capable of. */
    public record PortLink(@JsonProperty("address") String address, @JsonProperty("link_now") String linkNow,
                           @JsonProperty("link_max") String linkMax) {
        boolean belowCapability() {
            return linkNow != null && linkMax != null && !linkNow.equals(linkMax);
        }

        /**
         * The probe's form, "address|now|max" joined by ";"; an item without both halves is left out.
         */
        public static List<PortLink> parse(String text) {
            List<PortLink> out = new ArrayList<>();
            if (text == null) {
                return out;
            }
            for (String item : text.split(";")) {
                String[] f = item.split("\\|", -1);
                if (f.length == 3 && !f[0].isBlank() && !f[1].isBlank() && !f[2].isBlank()) {
                    out.add(new PortLink(f[0].strip(), f[1].strip(), f[2].strip()));
                }
            }
            return out;
        }
    }

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
