package dev.aistorctl.facts.parse;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code signatures.txt}: for each probed device a line {@code @device NAME EXIT}, then what
 * {@code wipefs --no-act -J} printed for it: its JSON (empty or an empty list when the device
 * carries no signature) or, when it failed, its error message. A device whose first bytes are an XFS
 * superblock has a line {@code @xfs-in-progress N} after it: the superblock's {@code sb_inprogress} byte, which
 * mkfs.xfs sets when it starts and clears when it has finished, so a format cut short (a power cut, a killed
 * mkfs) is told from a finished filesystem; wipefs and blkid report both alike.
 */
public final class SignaturesParser {
    private SignaturesParser() {
    }

    /**
     * One on-disk signature: a filesystem, a RAID or LVM member, a partition table, swap...
     *
     * @param offset         where the signature's magic is, as wipefs prints it; null when the probe does not say
     * @param partitionStart for a signature found by probing where a partition usually starts
     *                       ({@link PartitionSignaturesParser}), that byte offset; null for the whole-device probe
     * @param inProgress     for an XFS filesystem at the start of the device, whether its superblock still says
     *                       mkfs.xfs is making it (true: the format never finished); null when not read
     */
    public record Signature(String type, String usage, String label, String uuid, String offset,
                            @JsonProperty("partition_start") @JsonInclude(JsonInclude.Include.NON_NULL) Long partitionStart,
                            @JsonProperty("in_progress") @JsonInclude(JsonInclude.Include.NON_NULL) Boolean inProgress) {

        /** A signature of the whole-device probe. */
        public Signature(String type, String usage, String label, String uuid, String offset) {
            this(type, usage, label, uuid, offset, null, null);
        }

        /** A signature found where a partition usually starts. */
        public Signature(String type, String usage, String label, String uuid, String offset, Long partitionStart) {
            this(type, usage, label, uuid, offset, partitionStart, null);
        }

        /** An XFS filesystem whose format was started and never finished. */
        public boolean unfinishedXfs() {
            return "xfs".equals(type) && Boolean.TRUE.equals(inProgress);
        }
    }

    /**
     * What the probe of one device found.
     *
     * @param error why the probe failed (the device could not be opened...), null when it ran
     */
    public record Probe(String device, List<Signature> signatures, String error) {
        public Probe {
            signatures = List.copyOf(signatures);
        }

        public boolean ok() {
            return error == null;
        }
    }

    /** The probes by device name, in the order they ran. */
    public static Map<String, Probe> parse(String text) {
        Map<String, Probe> out = new LinkedHashMap<>();
        String device = null;
        int exit = 0;
        StringBuilder body = new StringBuilder();
        for (String line : Text.lines(text)) {
            if (line.startsWith("@device ")) {
                if (device != null) {
                    out.put(device, probe(device, exit, body.toString()));
                }
                String[] f = line.split(" ");
                if (f.length < 3) {
                    throw new IllegalArgumentException("signatures: malformed line '" + line + "'");
                }
                device = f[1];
                Integer code = Text.toInt(f[2]);
                exit = code == null ? -1 : code;
                body.setLength(0);
            } else if (device != null) {
                body.append(line).append('\n');
            }
        }
        if (device != null) {
            out.put(device, probe(device, exit, body.toString()));
        }
        return out;
    }

    private static final String XFS_IN_PROGRESS = "@xfs-in-progress ";

    private static Probe probe(String device, int exit, String body) {
        Boolean inProgress = null;
        StringBuilder rest = new StringBuilder();
        for (String line : Text.lines(body)) {
            if (line.startsWith(XFS_IN_PROGRESS)) {
                Integer flag = Text.toInt(line.substring(XFS_IN_PROGRESS.length()).strip());
                inProgress = flag == null ? null : flag != 0;
            } else {
                rest.append(line).append('\n');
            }
        }
        String text = rest.toString().strip();
        if (exit != 0) {
            return new Probe(device, List.of(), text.isEmpty() ? "wipefs exited " + exit : text.lines().findFirst().orElse(text));
        }
        List<Signature> signatures = new ArrayList<>();
        if (!text.isEmpty()) {
            for (JsonNode s : Json.read(text, "wipefs -J for " + device).path("signatures")) {
                String type = Json.text(s.path("type"));
                String offset = Json.text(s.path("offset"));
                // the flag was read at byte 126 of the device: it belongs to an XFS superblock at offset 0 only
                Boolean flag = "xfs".equals(type) && offset != null && offset.matches("0x0+|0") ? inProgress : null;
                signatures.add(new Signature(type, Json.text(s.path("usage")), Json.text(s.path("label")),
                        Json.text(s.path("uuid")), offset, null, flag));
            }
        }
        return new Probe(device, signatures, null);
    }
}
