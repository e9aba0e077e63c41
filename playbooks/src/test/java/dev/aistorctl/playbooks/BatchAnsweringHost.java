package dev.aistorctl.playbooks;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.ExecResult;
import dev.aistorctl.core.ForwardingConnector;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scripted host that also runs the runner's batches of reads as a shell would: each read of the batch answered by
 * the script as if it had been sent alone, its output framed as the batch frames it. The reads it can recognise are
 * the ones the test names (what the steps declare); a read it does not know fails the test. Records what reached
 * the host: a batch is one command.
 */
public final class BatchAnsweringHost extends ForwardingConnector {
    /** One read in the batch's script: its shell line, then the line that prints its end frame and exit status. */
    private static final Pattern READ = Pattern.compile("\\( (.*?) \\) </dev/null\\nprintf '\\\\n%s %s\\\\n' '(\\S+) end (\\d+)'",
            Pattern.DOTALL);

    private final ScriptedConnector script;
    private final List<Command> known;
    private final List<Command> sent = new ArrayList<>();

    public BatchAnsweringHost(ScriptedConnector script, Collection<Command> reads) {
        super(script);
        this.script = script;
        this.known = List.copyOf(reads);
    }

    @Override
    public synchronized ExecResult run(Command command, byte[] stdin, Duration timeout) {
        sent.add(command);
        return isBatch(command) ? runBatch(command.argv().get(2)) : script.run(command, stdin, timeout);
    }

    @Override
    public ExecResult run(Command command) {
        return run(command, new byte[0], Duration.ofMinutes(1));
    }

    /** Every command that reached the host, a batch counted once. */
    public synchronized List<Command> sent() {
        return List.copyOf(sent);
    }

    private static boolean isBatch(Command c) {
        return c.argv().size() == 3 && c.argv().get(0).equals("sh") && READ.matcher(c.argv().get(2)).find();
    }

    private ExecResult runBatch(String batch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Matcher m = READ.matcher(batch);
        while (m.find()) {
            String line = m.group(1);
            String nonce = m.group(2);
            String i = m.group(3);
            Command read = known.stream().filter(c -> c.toShellLine().equals(line)).findFirst()
                    .orElseThrow(() -> new AssertionError("the batch holds a read the test does not know: " + line));
            ExecResult r = script.run(read);
            write(out, nonce + " begin " + i + "\n");
            out.writeBytes(r.stdout());
            write(out, "\n" + nonce + " end " + i + " " + r.exitCode() + "\n");
            write(err, nonce + " begin " + i + "\n");
            err.writeBytes(r.stderr());
            write(err, "\n" + nonce + " end " + i + "\n");
        }
        return new ExecResult(0, out.toByteArray(), err.toByteArray(), Duration.ZERO);
    }

    private static void write(ByteArrayOutputStream to, String text) {
        to.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** The runner owns the connection: nothing to close on a scripted host. */
    @Override
    public void close() {
    }
}
