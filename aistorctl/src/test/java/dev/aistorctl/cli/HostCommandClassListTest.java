package dev.aistorctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The class list the launcher makes the host commands' class-data archive from ({@code java -Xshare:dump}) names
 * classes that exist. The JVM skips a listed class it cannot find without a word, so a list that names renamed or
 * removed classes would shrink the archive unseen; this test is where it shows.
 */
class HostCommandClassListTest {
    private static final Path LIST = Path.of("src/main/class-data/host-commands.classlist");
    private static final String RECORD_AGAIN = "record the list again: bin/record-archive-classes (as root, on a lab it brings up)";

    @Test
    void everyListedClassLoads() throws IOException {
        List<String> missing = new ArrayList<>();
        for (String name : listed()) {
            try {
                // Loaded, not initialised: no listed class's code runs here.
                Class.forName(name, false, HostCommandClassListTest.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                missing.add(name);
            }
        }
        assertThat(missing).as("listed classes this build or JDK does not have; %s", RECORD_AGAIN).isEmpty();
    }

    @Test
    void theListHoldsWhatTheCommandsOnHostsLoad() throws IOException {
        assertThat(listed()).as("recorded from runs of facts, tune and provision on lab hosts; %s", RECORD_AGAIN)
                .contains("dev.aistorctl.cli.provision.ProvisionCommand", "dev.aistorctl.cli.tune.TuneCommand",
                        "dev.aistorctl.cli.hardware.FactsCommand", "net.schmizz.sshj.SSHClient", "io.minio.MinioClient",
                        "okhttp3.OkHttpClient", "com.fasterxml.jackson.databind.ObjectMapper", "picocli.CommandLine",
                        // The JDK's classes too: this archive replaces the JDK's own.
                        "java.lang.Object");
    }

    @Test
    void theListIsSortedWithoutDuplicatesOrHiddenClasses() throws IOException {
        List<String> listed = listed();
        assertThat(listed).as("sorted, each once, so that a new recording's diff shows what changed")
                .isSortedAccordingTo(String::compareTo).doesNotHaveDuplicates();
        assertThat(listed).as("hidden classes (lambdas, method handles) have no name to load by")
                .noneMatch(name -> name.contains("/") || name.contains("$$Lambda") || name.isBlank());
    }

    private static List<String> listed() throws IOException {
        return Files.readAllLines(LIST, StandardCharsets.UTF_8);
    }
}
