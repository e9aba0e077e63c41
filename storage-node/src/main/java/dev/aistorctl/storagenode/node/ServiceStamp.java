package dev.aistorctl.storagenode.node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the running service was started with: the binary's digest, every configuration file's
 * content hash and a digest of the credential. Written when aistorctl starts or restarts the
 * service, so "the service runs an older binary or configuration" is read from the host's state, not
 * from what an earlier run remembers: an interrupted install that wrote new files but never
 * restarted still plans the restart the next time, and a dry run shows it before any file is written.
 *
 * @param lines         {@code binary <sha256>} and {@code file <path> <hash>}, in a fixed order
 * @param secretDigest  {@code Secret.digest()} of the credential the service was started with
 */
public record ServiceStamp(List<String> lines, Optional<String> secretDigest) {
    public static final String PATH = NodeFiles.STATE_DIR + "/minio.started";
    private static final String SECRET = "secret ";

    public ServiceStamp {
        lines = List.copyOf(lines);
    }

    public static ServiceStamp desired(BinaryArtifact binary, List<NodeFile> files) {
        List<String> lines = new ArrayList<>();
        lines.add("binary " + binary.sha256());
        for (NodeFile f : files) {
            lines.add("file " + f.path() + " " + f.contentHash());
        }
        return new ServiceStamp(lines, Optional.empty());
    }

    public ServiceStamp withSecretDigest(String digest) {
        return new ServiceStamp(lines, Optional.of(digest));
    }

    public static Optional<ServiceStamp> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        List<String> lines = new ArrayList<>();
        String digest = null;
        for (String line : text.split("\n")) {
            if (line.startsWith(SECRET)) {
                digest = line.substring(SECRET.length()).strip();
            } else if (!line.isBlank()) {
                lines.add(line.strip());
            }
        }
        return Optional.of(new ServiceStamp(lines, Optional.ofNullable(digest)));
    }

    public String render() {
        StringBuilder out = new StringBuilder();
        lines.forEach(l -> out.append(l).append('\n'));
        secretDigest.ifPresent(d -> out.append(SECRET).append(d).append('\n'));
        return out.toString();
    }

    /** What differs from {@code desired}, one phrase per item, e.g. {@code binary sha256 1a2b.. -> 3c4d..}. */
    public List<String> differences(ServiceStamp desired) {
        Map<String, String> now = keyed(lines);
        Map<String, String> want = keyed(desired.lines);
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : want.entrySet()) {
            String had = now.get(e.getKey());
            if (!e.getValue().equals(had)) {
                out.add(e.getKey() + " " + (had == null ? "(not running it)" : shorten(had)) + " -> " + shorten(e.getValue()));
            }
        }
        for (String key : now.keySet()) {
            if (!want.containsKey(key)) {
                out.add(key + " no longer wanted");
            }
        }
        return out;
    }

    private static Map<String, String> keyed(List<String> lines) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String l : lines) {
            int cut = l.lastIndexOf(' ');
            out.put(cut < 0 ? l : l.substring(0, cut), cut < 0 ? "" : l.substring(cut + 1));
        }
        return out;
    }

    private static String shorten(String hash) {
        String h = hash.startsWith("sha256:") ? hash.substring(7) : hash;
        return Sha256.shortForm(h);
    }
}
