package dev.aistorctl.storagenode.preflight;

/**
 * One reason a cluster should not be started as it is: on which host, which check, what is wrong and
 * what to do about it. Any finding stops an install before anything is changed.
 *
 * @param check a stable id: {@code data-path}, {@code earlier-deployment}, {@code name-resolution},
 *              {@code port-in-use}, {@code clock-skew}, {@code open-files}, {@code free-space},
 *              {@code same-binary}, {@code same-config}, {@code architecture}, {@code path-mtu}
 */
public record PreflightFinding(String host, String check, String cause, String hint) {
    @Override
    public String toString() {
        return host + ": " + check + ": " + cause + (hint == null ? "" : " (" + hint + ")");
    }
}
