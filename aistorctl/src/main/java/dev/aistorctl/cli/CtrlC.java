package dev.aistorctl.cli;

import java.io.PrintStream;

import dev.aistorctl.core.ExitCode;
import dev.aistorctl.playbooks.Interruption;
import sun.misc.Signal;

/**
 * SIGINT (Ctrl-C) and SIGTERM while the CLI runs. While a run holds host locks, the first signal asks it to stop
 * (no step starts; the running ones finish; the locks are let go; the journal ends "interrupted"), the second
 * forces (the running steps are stopped by letting go of their host locks), the third ends the process at once.
 * With no run under way there is nothing to finish: the process ends as it would without a handler.
 */
final class CtrlC {
    private CtrlC() {
    }

    static void install(PrintStream err) {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), s -> received("SIG" + s.getName(), err));
            } catch (IllegalArgumentException e) {
                // This platform has no such signal (or the JVM keeps it): the default behaviour stays.
            }
        }
    }

    /** The exit code of a process ended by {@code signal}: 128 plus its number, as shells report it. */
    static int exitCode(String signal) {
        return "SIGTERM".equals(signal) ? ExitCode.TERMINATED.code() : ExitCode.INTERRUPTED.code();
    }

    static void received(String signal, PrintStream err) {
        Interruption interruption = Interruption.process();
        if (interruption.quitUnlessHeard()) {
            err.println("aistorctl: " + signal + ": stopped (no run was changing hosts)");
            err.flush();
            System.exit(exitCode(signal));
        }
        Interruption.Degree degree = interruption.request(signal);
        if (degree != Interruption.Degree.STOP && degree != Interruption.Degree.FORCE) {
            err.println("aistorctl: " + signal + " a third time: quitting at once; the hosts let go of their locks when they see"
                    + " the connection close (or hear nothing for a minute)");
            err.flush();
            Runtime.getRuntime().halt(exitCode(interruption.signal()));
        }
        // Above the progress board, if one is drawn: it would otherwise be redrawn over the message.
        Terminal.aboveAnyBoard(() -> {
            if (degree == Interruption.Degree.STOP) {
                err.println("aistorctl: " + signal + ": stopping: no step starts any more; the running steps finish, then the"
                        + " host locks are let go. Ctrl-C again stops the running steps now.");
            } else {
                err.println("aistorctl: " + signal + " again: stopping the running steps: letting go of the host locks stops"
                        + " the run's processes on the hosts. Ctrl-C again quits at once.");
            }
            err.flush();
        });
        err.flush();
    }
}
