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

    /** A VM's QEMU monitor (QMP): clean poweroff, hot-unplug, quit. */
    Path qmpSocket() {
        return dir.resolve("qmp.sock");
    }

    /** A VM's identity, as files and as the tar QEMU hands to the guest. */
    Path seedDir() {
        return dir.resolve("seed");
    }

    Path seedTar() {
        return dir.resolve("seed.tar");
    }

    /** The host's public SSH key, wherever its kind keeps it. */
    Path hostKeyPub() {
        Path seeded = seedDir().resolve("etc/ssh/ssh_host_ed25519_key.pub");
        return java.nio.file.Files.exists(seeded) ? seeded : upper().resolve("etc/ssh/ssh_host_ed25519_key.pub");
    }

    Path drivesDir(Path stateDir) {
        return stateDir.resolve("drives").resolve(host);
    }
}
