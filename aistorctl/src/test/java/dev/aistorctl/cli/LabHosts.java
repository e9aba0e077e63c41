package dev.aistorctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.aistorctl.lab.Lab;
import dev.aistorctl.lab.LabSpec;
import dev.aistorctl.lab.LabState;

/**
 * A lab brought up for one test class and always torn down after it. Lab tests need root; on a machine
 * that cannot run them they fail, never skip, so a broken lab cannot pass CI unnoticed.
 */
final class LabHosts implements AutoCloseable {
    private final Lab lab = Lab.standard();
    private final String name;
    final LabState state;

    LabHosts(String name, int hosts, int drives) {
        assertThat(System.getProperty("user.name")).as("lab tests run as root").isEqualTo("root");
        this.name = name;
        lab.down(name, line -> { });
        LabState started = null;
        try {
            started = lab.up(new LabSpec(name, hosts, drives, 2L << 30, false), System.err::println);
        } finally {
            if (started == null) {
                lab.down(name, line -> { });
            }
        }
        this.state = started;
    }

    Path inventory() {
        return state.inventory();
    }

    /** A copy of the lab's inventory with one piece of text replaced, e.g. to point at another known_hosts. */
    Path inventoryWith(Path dir, String fileName, String find, String replace) throws IOException {
        String text = Files.readString(inventory());
        assertThat(text).contains(find);
        return Files.writeString(dir.resolve(fileName), text.replace(find, replace));
    }

    /** Kills every process of the host at once, as a power loss would; its disks and address stay. */
    void powerCut(String host) {
        lab.stop(name, host, true, line -> { });
    }

    /** Boots a stopped host again and returns when it accepts SSH. */
    void start(String host) {
        lab.start(name, host, System.err::println);
    }

    @Override
    public void close() {
        lab.down(name, line -> { });
    }
}
