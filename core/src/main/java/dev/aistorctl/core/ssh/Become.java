package dev.aistorctl.core.ssh;

/** How privileged commands get root when the login user is not root. */
public enum Become {
    /** Privileged commands are refused unless the login user is root. */
    NONE,
    /** Privileged commands run through {@code sudo -n}: sudo must not ask for a password. */
    SUDO
}
