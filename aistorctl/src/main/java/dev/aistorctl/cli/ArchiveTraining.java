package dev.aistorctl.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the classes the commands that work on hosts need, for the run that makes the launcher's class-data archive.
 * The archive ({@code -XX:ArchiveClassesAtExit}) holds the classes its run loaded; that run is a {@code --help}, made
 * once per build with no hosts at hand, so on its own it would leave out SSH, the S3 SDK, HTTP, JSON and the
 * playbooks, which facts, tune or provision then load and verify from the jar at every start. The list of those
 * classes is a resource recorded from lab runs of those commands ({@code bin/record-archive-classes}); loading a
 * class here neither initialises it nor runs any of its code. {@code -Daistorctl.archive.training=true} asks for it;
 * the launcher passes it to that one run only.
 */
final class ArchiveTraining {
    static final String PROPERTY = "aistorctl.archive.training";
    /** Class names, one a line, next to this class. */
    static final String RESOURCE = "archive-classes.txt";

    private ArchiveTraining() {
    }

    /** Whether this process makes the archive: then it loads the listed classes before it does anything else. */
    static boolean requested() {
        return Boolean.getBoolean(PROPERTY);
    }

    /**
     * Loads every listed class through {@code loader} without initialising it, and returns the names it could not
     * load: a class this build no longer has, or a JDK class another JDK does not. Training goes on past those;
     * {@code ArchiveTrainingTest} fails on them, so that the list is recorded again rather than rot.
     */
    static List<String> load(List<String> names, ClassLoader loader) {
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            try {
                Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                missing.add(name);
            }
        }
        return missing;
    }

    /** The checked-in list, or an empty one when the resource is missing: the archive then holds what a start loads. */
    static List<String> listedClasses() {
        try (InputStream in = ArchiveTraining.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return List.of();
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip).filter(line -> !line.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
