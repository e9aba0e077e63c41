package dev.aistorctl.facts.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aistorctl.facts.facts.BlockDevice;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code lsblk -J -b -O}. util-linux 2.37+ lists every mount point in "mountpoints" (with a null
 * entry for "not mounted"); older versions have a single "mountpoint". Booleans are JSON booleans
 * in 2.33+ and "0"/"1" strings before.
 */
public final class LsblkParser {
    private LsblkParser() {
    }

    public static List<BlockDevice> parse(String json) {
        return devices(Json.read(json, "lsblk -J").path("blockdevices"));
    }

    private static List<BlockDevice> devices(JsonNode list) {
        List<BlockDevice> out = new ArrayList<>();
        for (JsonNode d : list) {
            List<String> mounts = new ArrayList<>();
            for (JsonNode m : d.path("mountpoints")) {
                String t = Json.text(m);
                if (t != null) {
                    mounts.add(t);
                }
            }
            String single = Json.text(d.path("mountpoint"));
            if (mounts.isEmpty() && single != null) {
                mounts.add(single);
            }
            String name = Json.text(d.path("name"));
            String path = Json.text(d.path("path"));
            out.add(new BlockDevice(name, path != null ? path : name == null ? null : "/dev/" + name,
                    Json.text(d.path("type")), Json.number(d.path("size")), Json.text(d.path("model")),
                    Json.text(d.path("serial")), Json.text(d.path("wwn")), Json.text(d.path("tran")),
                    bool(d.path("rota")), bool(d.path("ro")), bool(d.path("rm")), Json.text(d.path("fstype")),
                    Json.text(d.path("uuid")), Json.text(d.path("label")), Json.text(d.path("pttype")), mounts,
                    Json.integer(d.path("log-sec")), Json.integer(d.path("phy-sec")), Json.text(d.path("sched")),
                    devices(d.path("children"))));
        }
        return out;
    }

    private static Boolean bool(JsonNode n) {
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        String t = Json.text(n);
        return t == null ? null : t.equals("1") || t.equalsIgnoreCase("true");
    }
}
