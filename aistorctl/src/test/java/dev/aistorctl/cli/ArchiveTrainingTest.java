package dev.aistorctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The class list the launcher's class-data archive is trained with names classes that exist, so it cannot rot unseen. */
class ArchiveTrainingTest {
    private static final String REGENERATE = "record the list again: bin/record-archive-classes (as root, on a lab it brings up)";

    @Test
    void everyListedClassLoads() {
        List<String> listed = ArchiveTraining.listedClasses();
        assertThat(listed).as("the list is packaged next to ArchiveTraining").isNotEmpty();
        assertThat(ArchiveTraining.load(listed, ArchiveTraining.class.getClassLoader()))
                .as("listed classes this build or JDK does not have; %s", REGENERATE).isEmpty();
    }

    @Test
    void theListHoldsWhatTheCommandsOnHostsLoad() {
        assertThat(ArchiveTraining.listedClasses())
                .as("recorded from runs of facts, tune and provision on lab hosts; %s", REGENERATE)
                .contains("dev.aistorctl.cli.provision.ProvisionCommand", "dev.aistorctl.cli.tune.TuneCommand",
                        "dev.aistorctl.cli.hardware.FactsCommand", "net.schmizz.sshj.SSHClient", "io.minio.MinioClient",
                        "okhttp3.OkHttpClient", "com.fasterxml.jackson.databind.ObjectMapper");
    }

    @Test
    void theListIsSortedWithoutDuplicatesOrHiddenClasses() {
        List<String> listed = ArchiveTraining.listedClasses();
        assertThat(listed).as("sorted, each once, so that a new recording's diff shows what changed")
                .isSortedAccordingTo(String::compareTo).doesNotHaveDuplicates();
        assertThat(listed).as("hidden classes (lambdas, method handles) have no name to load by")
                .noneMatch(name -> name.contains("/") || name.contains("$$Lambda"));
    }

    @Test
    void aClassThatIsGoneIsReportedAndTheRestStillLoaded() {
        List<String> names = new ArrayList<>(List.of("dev.aistorctl.cli.Main", "dev.aistorctl.cli.NoSuchCommandAnyMore",
                "java.lang.String"));
        assertThat(ArchiveTraining.load(names, ArchiveTraining.class.getClassLoader()))
                .containsExactly("dev.aistorctl.cli.NoSuchCommandAnyMore");
    }
}
