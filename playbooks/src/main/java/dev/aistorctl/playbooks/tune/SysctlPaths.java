package dev.aistorctl.playbooks.tune;

/** Where a sysctl key lives under /proc/sys (sysctl(8) maps dots to slashes). */
final class SysctlPaths {
    private SysctlPaths() {
    }

    static String path(String key) {
        return "/proc/sys/" + key.replace('.', '/');
    }
}
