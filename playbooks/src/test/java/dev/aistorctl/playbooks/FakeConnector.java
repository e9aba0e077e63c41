package dev.aistorctl.playbooks;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.Connector;
import dev.aistorctl.core.ExecResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Replays canned results by program name and records every command it was asked to run. */
final class FakeConnector implements Connector {
    private final String host;
    private final Map<String, ExecResult> byProgram = new ConcurrentHashMap<>();
    final List<Command> commands = new ArrayList<>();
    final Map<String, byte[]> files = new ConcurrentHashMap<>();
    volatile boolean closed;

    FakeConnector(String host) {
        this.host = host;
    }

    FakeConnector answer(String program, int exit, String stdout, String stderr) {
        byProgram.put(program, new ExecResult(exit, stdout.getBytes(StandardCharsets.UTF_8),
                stderr.getBytes(StandardCharsets.UTF_8), Duration.ofMillis(3)));
        return this;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public synchronized ExecResult run(Command command, byte[] stdin, Duration timeout) {
        commands.add(command);
        return byProgram.getOrDefault(command.argv().get(0),
                new ExecResult(0, new byte[0], new byte[0], Duration.ofMillis(1)));
    }

    @Override
    public void put(byte[] content, String remotePath, int mode) {
        files.put(remotePath, content);
    }

    @Override
    public byte[] get(String remotePath) {
        return files.get(remotePath);
    }

    @Override
    public void close() {
        closed = true;
    }
}
