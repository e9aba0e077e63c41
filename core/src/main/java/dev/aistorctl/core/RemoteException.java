package dev.aistorctl.core;

/** A host could not be reached or a step on it failed (exit 1). Names host, action and cause. */
public class RemoteException extends AistorException {
    private final String host;
    private final String action;

    public RemoteException(String host, String action, String cause) {
        this(host, action, cause, null);
    }

    public RemoteException(String host, String action, String cause, Throwable throwable) {
        super(ExitCode.HOST_FAILED, host + ": " + action + ": " + cause, throwable);
        this.host = host;
        this.action = action;
    }

    public String host() {
        return host;
    }

    public String action() {
        return action;
    }
}
