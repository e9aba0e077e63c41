package dev.aistorctl.inventory;

/** How commands that need root are run once logged in. */
public enum Become {
    NONE, SUDO
}
