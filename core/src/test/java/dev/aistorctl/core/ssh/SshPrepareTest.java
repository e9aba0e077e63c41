package dev.aistorctl.core.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The SSH set-up a command starts early: once per process, on a thread that never keeps the process alive. */
class SshPrepareTest {

    @Test
    void preparingStartsOneDaemonThreadPerProcessWhoseWorkTheConnectionsThenUse() throws InterruptedException {
        Thread first = SshConnector.prepare();
        Thread again = SshConnector.prepare();

        assertThat(again).as("a second prepare starts nothing").isNull();
        if (first != null) {
            assertThat(first.isDaemon()).isTrue();
            first.join();
        }
        assertThat(SshConnector.clientConfig()).as("the config the prepared set-up made serves every connection")
                .isSameAs(SshConnector.clientConfig())
                .isNotNull();
    }
}
