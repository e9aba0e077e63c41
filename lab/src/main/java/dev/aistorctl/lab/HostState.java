package dev.aistorctl.lab;

/** What a lab host is doing, as status shows it. */
public enum HostState {
    /** The container runs and its sshd answers with an SSH banner. */
    RUNNING("running"),
    /** No container process: never started, powered off, or crashed. */
    STOPPED("stopped"),
    /** The container runs but nothing answers SSH on its address. */
    SSH_UNREACHABLE("ssh-unreachable");

    private final String label;

    HostState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
