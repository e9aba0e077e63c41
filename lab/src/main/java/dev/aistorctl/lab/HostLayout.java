package dev.aistorctl.lab;

import java.nio.file.Path;

/** Where one host's files live under the lab's state directory. */
record HostLayout(String host, Path dir) {
    static HostLayout of(Path stateDir, String host) {
        return new HostLayout(host, stateDir.resolve("hosts").resolve(host));
    }

    /** The host's own changes over the shared base: config, keys, everything it writes at run time. */
    Path upper() {
        return dir.resolve("upper");
    }

    Path work() {
        return dir.resolve("work");
    }

    /** The overlay mount the container boots from. */
    Path root() {
        return dir.resolve("root");
    }

    Path consoleLog() {
        return dir.resolve("console.log");
    }

    Path drivesDir(Path stateDir) {
        return stateDir.resolve("drives").resolve(host);
    }
}
