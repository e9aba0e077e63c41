package dev.aistorctl.facts.parse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aistorctl.facts.facts.Nic;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ip -j -d link}: name, MTU, MAC, state, kind (bond, vlan, bridge...) and the bus device.
 * Speed and driver are not in it; they come from sysfs and ethtool. The loopback is left out.
 */
public final class IpLinkParser {
    private IpLinkParser() {
    }

    public static List<Nic> parse(String json) {
        List<Nic> out = new ArrayList<>();
        for (JsonNode l : Json.read(json, "ip -j -d link")) {
            if ("loopback".equals(Json.text(l.path("link_type")))) {
                continue;
            }
            String pci = "pci".equals(Json.text(l.path("parentbus"))) ? Json.text(l.path("parentdev")) : null;
            String kind = Json.text(l.path("linkinfo").path("info_kind"));
            out.add(new Nic(Json.text(l.path("ifname")), null, Json.integer(l.path("mtu")), null, pci,
                    Json.text(l.path("address")), Json.text(l.path("operstate")), kind, Json.text(l.path("master")),
                    null));
        }
        return out;
    }
}
