package dev.aistorctl.workflows.inventory;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.aistorctl.core.text.ByteSize;
import dev.aistorctl.inventory.DriveSelector;
import dev.aistorctl.inventory.ErasureLayout;
import dev.aistorctl.inventory.Inventory;
import dev.aistorctl.inventory.HostSsh;
import dev.aistorctl.inventory.InventoryHost;
import dev.aistorctl.inventory.Pool;
import dev.aistorctl.core.config.Problem;

/** The JSON shapes of the inventory commands; field names are an API (docs/json-output.md). */
public final class InventoryJson {

    private InventoryJson() {
    }

    public static Map<String, Object> validation(Path file, Inventory inventory, List<Problem> problems) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("file", file.toString());
        json.put("valid", problems.isEmpty());
        if (inventory != null) {
            json.put("cluster", inventory.cluster().name());
            json.put("pools", inventory.pools().size());
            json.put("hosts", inventory.hosts().size());
        }
        json.put("problems", problems.stream().map(InventoryJson::problem).toList());
        return json;
    }

    public static Map<String, Object> show(Inventory inventory, List<InventoryHost> hosts) {
        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, Object> cluster = new LinkedHashMap<>();
        cluster.put("name", inventory.cluster().name());
        cluster.put("hardware_profile", inventory.cluster().hardwareProfile().map(Object::toString).orElse(null));
        cluster.put("tuning_profile", inventory.cluster().tuningProfile().map(Object::toString).orElse(null));
        cluster.put("flavour", inventory.node().flavour().toString().toLowerCase(java.util.Locale.ROOT));
        cluster.put("api_port", inventory.node().apiPort());
        cluster.put("console_port", inventory.node().consolePort());
        json.put("cluster", cluster);
        json.put("pools", inventory.pools().stream().map(InventoryJson::pool).toList());
        json.put("hosts", hosts.stream().map(h -> host(inventory, h)).toList());
        return json;
    }

    public static String describe(DriveSelector select) {
        StringBuilder text = new StringBuilder(select.transport().label());
        select.model().ifPresent(model -> text.append(" model=").append(model));
        select.minSize().ifPresent(size -> text.append(" >=").append(size.human()));
        select.maxSize().ifPresent(size -> text.append(" <=").append(size.human()));
        if (!select.serials().isEmpty()) {
            text.append(" serials=").append(String.join(",", select.serials()));
        }
        return text.toString();
    }

    private static Map<String, Object> problem(Problem problem) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("file", problem.file());
        json.put("line", problem.line());
        json.put("column", problem.column());
        json.put("text", problem.offendingText());
        json.put("message", problem.message());
        json.put("hint", problem.hint());
        return json;
    }

    private static Map<String, Object> pool(Pool pool) {
        ErasureLayout layout = pool.layout();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", pool.name());
        json.put("hosts_pattern", pool.hostPattern());
        json.put("host_count", pool.hosts().size());
        json.put("drives_per_host", pool.drives().count());
        json.put("total_drives", layout.totalDrives());
        json.put("erasure_set_size", layout.setSize());
        json.put("erasure_set_count", layout.setCount());
        json.put("parity", layout.parity());
        json.put("storage_class", layout.storageClass());
        json.put("usable_fraction", layout.usableFraction());
        json.put("raw_bytes", pool.rawBytes().orElse(null));
        json.put("usable_bytes", pool.usableBytes().orElse(null));
        return json;
    }

    private static Map<String, Object> host(Inventory inventory, InventoryHost host) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", host.name());
        json.put("pool", host.pool());
        json.put("address", host.address());
        DriveSelector select = host.drives().select();
        Map<String, Object> selectJson = new LinkedHashMap<>();
        selectJson.put("transport", select.transport().label());
        selectJson.put("model", select.model().orElse(null));
        selectJson.put("min_size_bytes", select.minSize().map(ByteSize::bytes).orElse(null));
        selectJson.put("max_size_bytes", select.maxSize().map(ByteSize::bytes).orElse(null));
        selectJson.put("serials", select.serials());
        Map<String, Object> drives = new LinkedHashMap<>();
        drives.put("count", host.drives().count());
        drives.put("select", selectJson);
        drives.put("mount_pattern", host.drives().mountPattern());
        json.put("drives", drives);
        json.put("mounts", host.mountPaths());
        json.put("ssh", ssh(inventory.sshFor(host)));
        return json;
    }

    /** Every SSH value the host is reached with, each with where it came from. */
    private static Map<String, Object> ssh(HostSsh ssh) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("address", sourced(ssh.address().value(), ssh.address().from()));
        json.put("port", sourced(ssh.port().value(), ssh.port().from()));
        json.put("user", sourced(ssh.user().value(), ssh.user().from()));
        json.put("identity_file", sourced(ssh.identityFile().value().toString(), ssh.identityFile().from()));
        json.put("become", sourced(ssh.become().value().toString().toLowerCase(java.util.Locale.ROOT), ssh.become().from()));
        List<Map<String, Object>> hops = new java.util.ArrayList<>();
        for (HostSsh.Hop hop : ssh.jumps()) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("name", hop.name());
            h.put("user", hop.user());
            h.put("address", hop.address());
            h.put("port", hop.port());
            h.put("identity_file", hop.identityFile() == null ? null : hop.identityFile().toString());
            hops.add(h);
        }
        json.put("jump_hosts", hops);
        json.put("jump_hosts_from", ssh.jumpsFrom());
        return json;
    }

    private static Map<String, Object> sourced(Object value, String from) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("value", value);
        json.put("from", from);
        return json;
    }
}
