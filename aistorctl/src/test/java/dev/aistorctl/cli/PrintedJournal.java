package dev.aistorctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The journal of a command's last run, found by the {@code journal: PATH} line the command printed. */
final class PrintedJournal {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PrintedJournal() {
    }

    /** The events of the last journal {@code printed} names, which must lie under the test's {@code home}. */
    static List<JsonNode> journal(String printed, Path home) throws IOException {
        Matcher m = Pattern.compile("(?m)^journal: (\\S+)$").matcher(printed);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        assertThat(last).as(printed).isNotNull();
        Path file = Path.of(last);
        assertThat(file).startsWith(home);
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            events.add(JSON.readTree(line));
        }
        assertThat(events.get(0).path("event").asText()).isEqualTo("run_start");
        return events;
    }

    /** Each host's status at its {@code host_end}, in journal order. */
    static Map<String, String> hostEnds(List<JsonNode> journal) {
        Map<String, String> out = new LinkedHashMap<>();
        journal.stream().filter(e -> "host_end".equals(e.path("event").asText()))
                .forEach(e -> out.put(e.path("host").asText(), e.path("status").asText()));
        return out;
    }
}
