package dev.aistorctl.playbooks.tune;

import dev.aistorctl.core.Command;
import dev.aistorctl.playbooks.ScriptedConnector;
import dev.aistorctl.playbooks.ScriptedContext;
import java.util.List;

/**
 * A step context whose host answers a tuning step's read script with captured output and its change script
 * with success (such a script prints nothing unless it fails), recording both: enough to see how many round
 * trips a step costs and what it would run. Any other command fails the test: those two are all a tuning
 * step may send.
 */
final class ReplayContext extends ScriptedContext {
    private static final String READ = new ReadScript().text();
    private static final String CHANGE = new ChangeScript().text();

    ReplayContext(String readOutput) {
        super(new ScriptedConnector("node1")
                .answer("a read script (sh -c 'b() { ...')", c -> isScript(c, READ), c -> ScriptedConnector.result(0, readOutput))
                .answer("a change script (sh -c 'set -e ...')", c -> isScript(c, CHANGE), c -> ScriptedConnector.result(0, "")));
    }

    private static boolean isScript(Command c, String functions) {
        List<String> argv = c.argv();
        return argv.size() == 3 && argv.get(0).equals("sh") && argv.get(1).equals("-c") && argv.get(2).startsWith(functions);
    }

    List<Command> commands() {
        return connector().commands();
    }

    List<String> changeScripts() {
        return commands().stream().filter(c -> isScript(c, CHANGE)).map(c -> c.argv().get(2)).toList();
    }
}
