package dev.aistorctl.cli;

import picocli.CommandLine.IVersionProvider;

/** Picocli's --version: the lines of {@link Version}. */
public final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return Version.lines().toArray(String[]::new);
    }
}
