package dev.aistorctl.playbooks.node;

import dev.aistorctl.core.Command;
import dev.aistorctl.core.Connector;
import dev.aistorctl.core.RemoteException;
import dev.aistorctl.core.RunningCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A seed's verified binary served to the run's other hosts over the cluster network, and fetched from it.
 * Stock hosts have python3 and curl and nothing of ours, so the server is a few lines of python3's standard
 * library, started by the run (and so marked with its run id, stopped with its host lock at the latest).
 *
 * <p>What is served: a copy of the installed, verified binary in a fresh directory only root can read
 * ({@code mktemp -d}), at one random path; every other request gets 404, and there is no directory listing.
 * The server binds to the host's inventory address on a port the kernel picks. It lives as long as its
 * command's input: when the controller closes it (or the connection drops) the server is stopped and the
 * directory removed.
 */
final class PeerCopy {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    static final Duration FETCH_TIMEOUT = Duration.ofMinutes(15);
    /** Names the serving shell in the host's process list ($0), for people and tests looking for it. */
    static final String SERVER_NAME = "aistorctl-peer-serve";

    /* argv: the file, its random path, the address to bind to. Prints the port, or "error ..." and exits. */
    private static final String PYTHON = String.join("\n",
            "import http.server, os, shutil, socket, sys",
            "path, token, addr = sys.argv[1:4]",
            "class Handler(http.server.BaseHTTPRequestHandler):",
            "    def do_GET(self):",
            "        if self.path != '/' + token:",
            "            self.send_error(404)",
            "            return",
            "        with open(path, 'rb') as f:",
            "            self.send_response(200)",
            "            self.send_header('Content-Type', 'application/octet-stream')",
            "            self.send_header('Content-Length', str(os.fstat(f.fileno()).st_size))",
            "            self.end_headers()",
            "            shutil.copyfileobj(f, self.wfile, 1 << 20)",
            "    def log_message(self, *args):",
            "        pass",
            "try:",
            "    family = socket.getaddrinfo(addr, 0, 0, socket.SOCK_STREAM)[0][0]",
            "    server = type('Server', (http.server.ThreadingHTTPServer,), {'address_family': family})((addr, 0), Handler)",
            "except Exception as e:",
            "    print('error', e, flush=True)",
            "    sys.exit(1)",
            "print(server.server_address[1], flush=True)",
            "server.serve_forever()");

    /*
     * $1 the verified binary, $2 the address to bind to, $3 the python server. Prints the random path, then the
     * port; serves until its input ends, then stops the server and removes its directory (also on TERM, which
     * the host lock sends to the run's processes when it lets go).
     */
    private static final String SERVE = String.join("\n",
            "command -v python3 >/dev/null 2>&1 || { echo 'python3 is not installed' >&2; exit 69; }",
            "d=$(mktemp -d /var/tmp/aistorctl-peer.XXXXXXXXXX) || exit 70",
            "p=",
            "stop() { [ -n \"$p\" ] && kill \"$p\" 2>/dev/null && wait \"$p\" 2>/dev/null; rm -rf -- \"$d\"; }",
            "trap 'stop; exit 143' TERM INT HUP",
            "cp -- \"$1\" \"$d/binary\" || { stop; exit 71; }",
            "tok=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \\n')",
            "echo \"$tok\"",
            "python3 -c \"$3\" \"$d/binary\" \"$tok\" \"$2\" </dev/null &",
            "p=$!",
            "cat >/dev/null",
            "stop");

    /* $1 the URL, $2 where to write it. curl where there is one, else python3's urllib. */
    private static final String FETCH = String.join("\n",
            "if command -v curl >/dev/null 2>&1; then exec curl -fsS --connect-timeout 10 -o \"$2\" -- \"$1\"; fi",
            "command -v python3 >/dev/null 2>&1 || { echo 'neither curl nor python3 is installed' >&2; exit 69; }",
            "exec python3 -c 'import shutil, sys, urllib.request",
            "with urllib.request.urlopen(sys.argv[1], timeout=30) as r, open(sys.argv[2], \"wb\") as f:",
            "    shutil.copyfileobj(r, f, 1 << 20)' \"$1\" \"$2\"");

    /** Blocking reads of a remote command's output, on threads of their own (the common pool may have one). */
    private static final Executor OWN_THREAD = r -> {
        Thread t = new Thread(r, SERVER_NAME);
        t.setDaemon(true);
        t.start();
    };

    private PeerCopy() {
    }

    /**
     * A running server. Closing it ends its input, on which the serving shell stops the server and removes what it
     * served ({@link RunningCommand#close} waits for that).
     */
    record Served(RunningCommand command, String url) implements AutoCloseable {
        @Override
        public void close() {
            command.close();
        }
    }

    /**
     * Serves {@code file} (installed and verified) from {@code host}, bound to {@code address}, its inventory address.
     *
     * @throws RemoteException when the server does not start (no python3, address not bindable, ...)
     */
    static Served serve(Connector connector, String host, String address, String file) {
        String action = "serve " + file + " to the other hosts";
        RunningCommand running = connector.start(Command.of("sh", "-c", SERVE, SERVER_NAME, file, address, PYTHON).asRoot());
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(running), OWN_THREAD);
        BufferedReader out = new BufferedReader(new InputStreamReader(running.stdout(), StandardCharsets.US_ASCII));
        try {
            List<String> first = CompletableFuture.supplyAsync(() -> firstLines(out, 2), OWN_THREAD)
                    .get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            String token = first.isEmpty() ? null : first.get(0);
            String port = first.size() < 2 ? null : first.get(1);
            if (port != null && port.matches("[0-9]{1,5}")) {
                return new Served(running, url(address, port, token));
            }
            running.close();
            String why = port != null ? port : stderr.get(5, TimeUnit.SECONDS).strip();
            throw new RemoteException(host, action, why.isEmpty() ? "the server ended before it served" : why);
        } catch (InterruptedException e) {
            running.close();
            Thread.currentThread().interrupt();
            throw new RemoteException(host, action, "interrupted", e);
        } catch (TimeoutException | ExecutionException e) {
            running.close();
            throw new RemoteException(host, action, "no answer within " + START_TIMEOUT.toSeconds() + "s");
        }
    }

    /** The command that fetches {@code url} to {@code path} on the fetching host. */
    static Command fetch(String url, String path) {
        return Command.of("sh", "-c", FETCH, "aistorctl-peer-fetch", url, path).asRoot();
    }

    static String url(String address, String port, String token) {
        String host = address.contains(":") ? "[" + address + "]" : address;
        return "http://" + host + ":" + port + "/" + token;
    }

    /** Up to {@code n} lines, fewer when the output ends first: the server's token and port, read on one thread. */
    private static List<String> firstLines(BufferedReader out, int n) {
        List<String> lines = new ArrayList<>();
        try {
            for (String line; lines.size() < n && (line = out.readLine()) != null; ) {
                lines.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    private static String readAll(RunningCommand running) {
        try {
            return new String(running.stderr().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
