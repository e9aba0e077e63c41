package dev.aistorctl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import dev.aistorctl.lab.Lab;
import dev.aistorctl.lab.LabSpec;

/**
 * What the lab extension promises every lab test class, checked by running small classes that use it through the
 * JUnit launcher, in this JVM: a class whose setup fails half-way fails and leaves no lab behind, a crashed run's
 * leftovers do not stop the next, and without root a class fails rather than skips.
 */
@Tag("lab")
class LabHostsIT {
    private static final Lab LAB = Lab.standard();

    @AfterAll
    static void noLabLeftEvenWhenACheckFailed() {
        LAB.down(SetupFailsOnceTheLabIsUp.NAME, line -> { });
        LAB.down(OneHost.NAME, line -> { });
    }

    @Test
    void aClassWhoseOwnSetupFailsOnceTheLabIsUpFailsAndTheLabIsTornDown() {
        TestExecutionSummary summary = run(SetupFailsOnceTheLabIsUp.class);

        assertThat(SetupFailsOnceTheLabIsUp.hostsSeen).as("the class's setup ran against the lab").isEqualTo(1);
        assertFailedWith(summary, "the class's own setup failed");
        assertThat(LAB.list()).as("the lab is down").doesNotContain(SetupFailsOnceTheLabIsUp.NAME);
        assertThat(SetupFailsOnceTheLabIsUp.home).as("its home is removed").doesNotExist();
        assertThat(System.getProperty("aistorctl.home")).as("and no longer the CLI's").isNull();
    }

    @Test
    void whatACrashedRunLeftUnderTheNameIsTakenDownAndTheLabComesUpAsTheClassAsks() {
        // Another shape under the same name: a lab that is up is refused unless it is taken down first.
        LAB.up(new LabSpec(OneHost.NAME, 2, 1, 2L << 30, false), System.err::println);

        TestExecutionSummary summary = run(OneHost.class);

        assertThat(summary.getFailures()).as("failures").isEmpty();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
        assertThat(LAB.list()).as("the lab is down").doesNotContain(OneHost.NAME);
    }

    @Test
    void withoutRootTheClassFailsAndIsNeverSkipped() {
        String user = System.getProperty("user.name");
        TestExecutionSummary summary;
        try {
            System.setProperty("user.name", "operator");
            summary = run(OneHost.class);
        } finally {
            System.setProperty("user.name", user);
        }

        assertFailedWith(summary, "lab tests run as root");
        assertThat(LAB.list()).doesNotContain(OneHost.NAME);
    }

    private static TestExecutionSummary run(Class<?> testClass) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build(), listener);
        return listener.getSummary();
    }

    /** The class failed as a whole, for the reason given, its test neither run nor skipped. */
    private static void assertFailedWith(TestExecutionSummary summary, String reason) {
        List<Throwable> failures = summary.getFailures().stream().map(TestExecutionSummary.Failure::getException).toList();
        assertThat(failures).as("failures").singleElement().satisfies(e -> assertThat(e).hasMessageContaining(reason));
        assertThat(summary.getContainersFailedCount()).isEqualTo(1);
        assertThat(summary.getTestsStartedCount()).isZero();
        assertThat(summary.getTestsSkippedCount() + summary.getContainersSkippedCount()).as("skipped").isZero();
    }

    /** Not run on its own (a nested class): {@link #aClassWhoseOwnSetupFailsOnceTheLabIsUpFailsAndTheLabIsTornDown}. */
    static class SetupFailsOnceTheLabIsUp {
        static final String NAME = "lhfail";
        static int hostsSeen;
        static Path home;

        @RegisterExtension
        static final LabHosts lab = LabHosts.of(NAME, 1, 1).withOwnHome();

        @BeforeAll
        static void setUp() {
            hostsSeen = lab.state().hosts().size();
            home = lab.home();
            assertThat(home).isDirectory();
            throw new IllegalStateException("the class's own setup failed");
        }

        @Test
        void neverRuns() {
        }
    }

    /** Not run on its own (a nested class): a one-host lab and a test that it is what the class asked for. */
    static class OneHost {
        static final String NAME = "lhone";

        @RegisterExtension
        static final LabHosts lab = LabHosts.of(NAME, 1, 1);

        @Test
        void theLabHasTheShapeAsked() {
            assertThat(lab.state().hosts()).hasSize(1);
            assertThat(lab.node(1).dataDrives()).hasSize(1);
        }
    }
}
