package dev.aistorctl.workflows.accept;

import dev.aistorctl.core.Command;
import java.util.ArrayList;
import java.util.List;

/**
 * The shell a host runs to measure the network: fixed text, with addresses, ports and figures as
 * positional arguments (never spliced into the script). Nothing is installed: iperf3 when both ends
 * of a pair have it, else a sender and receiver in python3 (which a stock Ubuntu server ships). Every
 * process a round starts is bounded by {@code timeout}, recorded in a directory of the run's own, and
 * killed with it on any exit of the script; {@link #cleanup} does the same from the controller.
 */
final class NetworkScripts {
    /** Where a round keeps its outputs and process ids on the host; the run's token is appended. */
    static final String DIR_PREFIX = "/tmp/.aistorctl-accept-net-";

    /**
     * "T", a tool the host has (iperf3, python3; one line each); "I", the interface holding the data
     * address and the speed it negotiated (sysfs, Mb/s; -1 or empty when unknown); then as many "P"
     * lines as asked, TCP ports below the ephemeral range that no socket of the host uses (from
     * /proc/net/tcp and tcp6), starting at a random one so that two runs rarely pick the same.
     */
    private static final String PROBE = """
            addr=$1; n=$2
            for t in iperf3 python3; do command -v "$t" >/dev/null 2>&1 && printf 'T\\t%s\\n' "$t"; done
            ip=$addr
            case $addr in *[!0-9.:a-fA-F]*) ip=$(getent ahosts "$addr" | awk 'NR==1{print $1}');; esac
            if=$(ip -o addr show 2>/dev/null | awk -v a="$ip" '{split($4, p, "/"); if (p[1] == a) {print $2; exit}}')
            speed=; [ -n "$if" ] && speed=$(cat "/sys/class/net/$if/speed" 2>/dev/null)
            printf 'I\\t%s\\t%s\\n' "$if" "$speed"
            inuse=$(awk 'NR>1{split($2, a, ":"); print a[2]}' /proc/net/tcp /proc/net/tcp6 2>/dev/null)
            p=$((20000 + $(od -An -N2 -tu2 /dev/urandom) % 10000)); found=0
            while [ "$found" -lt "$n" ]; do
              p=$((p + 1)); [ "$p" -gt 32000 ] && p=20000
              if ! printf '%s\\n' $inuse | grep -qx "$(printf '%04X' "$p")"; then printf 'P\\t%s\\n' "$p"; found=$((found + 1)); fi
            done
            """;

    /**
     * One round on one host: receivers first ("r TOOL PORTS PEER TAG"), then senders ("s TOOL ADDRESS
     * PORTS PEER TAG"), all at once, then "@@ r PEER" / "@@ s PEER" and each one's output. PORTS are the
     * pair's candidates, comma-separated: the probe found them free, but another process may have taken
     * one since, so a receiver listens on the first it can bind and a sender tries them in turn. An
     * iperf3 server serves one client (its client reports what it received); a sender retries while its
     * peer's receiver is not yet listening, the peers' rounds starting a moment apart.
     */
    private static final String ROUND = """
            secs=$1; streams=$2; dir=$3; py=$4; shift 4
            mkdir -m 700 "$dir" || exit 1
            : >"$dir/pids"; : >"$dir/index"
            trap 'for p in $(cat "$dir/pids" 2>/dev/null); do kill "$p" 2>/dev/null; done; rm -rf "$dir"' EXIT INT TERM HUP
            i=0
            while [ $# -gt 0 ]; do
              i=$((i + 1))
              if [ "$1" = r ]; then
                tool=$2; ports=$3; key="r $4"; tag=$5; shift 5
                if [ "$tool" = iperf3 ]; then
                  (
                    # killed (the round's trap, cleanup), it takes its running iperf3 with it
                    c=; trap 'kill $c 2>/dev/null; wait $c; exit 1' TERM
                    for port in $(printf '%s' "$ports" | tr , ' '); do
                      timeout $((secs + 40)) iperf3 -s -1 -p "$port" >"$dir/$i" 2>&1 & c=$!; wait $c
                      grep -q 'unable to start listener' "$dir/$i" || break
                    done
                  ) &
                else
                  timeout $((secs + 40)) python3 -c "$py" recv "$ports" "$streams" "$secs" "$tag" >"$dir/$i" 2>&1 &
                fi
              else
                tool=$2; addr=$3; ports=$4; key="s $5"; tag=$6; shift 6
                if [ "$tool" = iperf3 ]; then
                  (
                    c=; trap 'kill $c 2>/dev/null; wait $c; exit 1' TERM
                    set -- $(printf '%s' "$ports" | tr , ' '); n=0
                    while :; do
                      timeout $((secs + 30)) iperf3 -c "$addr" -p "$1" -P "$streams" -t "$secs" --json >"$dir/$i" 2>&1 & c=$!; wait $c
                      # no stream connected (refused, busy, or not an iperf3 server): try the next port
                      grep -q '"error"' "$dir/$i" && grep -q '"connected":[[:space:]]*\\[\\]' "$dir/$i" && [ "$n" -lt 40 ] || break
                      n=$((n + 1)); first=$1; shift; set -- "$@" "$first"; sleep 0.25
                    done
                  ) &
                else
                  timeout $((secs + 30)) python3 -c "$py" send "$addr" "$ports" "$streams" "$secs" "$tag" >"$dir/$i" 2>&1 &
                fi
              fi
              echo $! >>"$dir/pids"
              printf '%s\\t%s\\n' "$key" "$i" >>"$dir/index"
            done
            wait
            : >"$dir/pids"
            while IFS='\t' read -r key n; do printf '@@ %s\\n' "$key"; cat "$dir/$n" 2>/dev/null; done <"$dir/index"
            """;

    /**
     * The python3 sender and receiver. {@code recv PORTS STREAMS SECS TAG} listens on the first of PORTS
     * it can bind, accepts the streams that greet it with TAG (answering "ok"; any other connection is
     * closed and not counted), counts what arrives and prints it with the time from the first stream to
     * the last end of stream. {@code send ADDRESS PORTS STREAMS SECS TAG} finds the port whose listener
     * answers TAG, trying PORTS in turn while refused and dropping one that answers otherwise (another
     * process took it), then writes zeros on every stream for SECS seconds.
     */
    static final String STREAM_PY = """
            import socket, sys, threading, time
            def recv(ports, streams, secs, tag):
                fam = socket.AF_INET6 if socket.has_dualstack_ipv6() else socket.AF_INET
                srv, why = None, []
                for port in ports:
                    try:
                        srv = socket.create_server(("", port), family=fam, backlog=64, dualstack_ipv6=fam == socket.AF_INET6)
                        break
                    except OSError as e:
                        why.append("port %d: %s" % (port, e))
                if srv is None:
                    print("error: listen on %s" % "; ".join(why)); sys.exit(1)
                srv.settimeout(secs + 30)
                got, ends, first, lock, threads = [0], [], [], threading.Lock(), []
                def drain(c):
                    buf = bytearray(1 << 20); n = 0
                    while True:
                        k = c.recv_into(buf)
                        if not k:
                            break
                        n += k
                    c.close()
                    with lock:
                        got[0] += n; ends.append(time.monotonic())
                try:
                    while len(first) < streams:
                        c, _a = srv.accept()
                        c.settimeout(5)
                        try:
                            ours = line(c) == tag
                        except OSError:
                            ours = False
                        if not ours:
                            c.close(); continue
                        c.sendall(b"ok\\n"); first.append(time.monotonic())
                        c.settimeout(secs + 30)
                        t = threading.Thread(target=drain, args=(c,)); t.start(); threads.append(t)
                except socket.timeout:
                    pass
                port = srv.getsockname()[1]
                srv.close()
                for t in threads:
                    t.join()
                if not first:
                    print("error: no sender connected to port %d" % port); sys.exit(1)
                print("received %d bytes in %.3f s over %d streams" % (got[0], max(ends) - min(first), len(first)))
            def line(c):
                b = b""
                while not b.endswith(b"\\n") and len(b) < 256:
                    k = c.recv(256 - len(b))
                    if not k:
                        break
                    b += k
                return b.decode("ascii", "replace").strip()
            def greet(addr, port, tag):
                s = socket.create_connection((addr, port), timeout=5)
                try:
                    s.sendall((tag + "\\n").encode())
                    if line(s) == "ok":
                        return s
                except OSError:
                    pass
                s.close()
                return None
            def send(addr, ports, streams, secs, tag):
                socks, until, last = [], time.monotonic() + 10, None
                while len(socks) < streams:
                    port = ports[0]
                    try:
                        s = greet(addr, port, tag)
                    except OSError as e:
                        last = "%s port %d: %s" % (addr, port, e)
                        if time.monotonic() > until:
                            print("error: connect to %s" % last); sys.exit(1)
                        if not socks:
                            ports = ports[1:] + ports[:1]
                        time.sleep(0.2); continue
                    if s is not None:
                        socks.append(s); continue
                    ports = ports[1:]
                    if socks or not ports:
                        print("error: %s port %d answers, but not as this round's receiver" % (addr, port)); sys.exit(1)
                sent, lock, buf = [0], threading.Lock(), b"\\0" * (128 << 10)
                start = time.monotonic(); end = start + secs
                def pump(s):
                    n = 0
                    s.settimeout(secs + 30)
                    while time.monotonic() < end:
                        n += s.send(buf)
                    s.shutdown(socket.SHUT_WR); s.close()
                    with lock:
                        sent[0] += n
                threads = [threading.Thread(target=pump, args=(s,)) for s in socks]
                for t in threads: t.start()
                for t in threads: t.join()
                print("sent %d bytes in %.3f s over %d streams" % (sent[0], time.monotonic() - start, len(socks)))
            ports = lambda a: [int(p) for p in a.split(",")]
            m = sys.argv[1]
            if m == "recv":
                recv(ports(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
            else:
                send(sys.argv[2], ports(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6])
            """;

    private NetworkScripts() {
    }

    static Command probe(String address, int ports) {
        return script(PROBE, List.of(address, Integer.toString(ports)));
    }

    /** @param roles the receivers' then the senders' arguments, as {@link #ROUND} reads them */
    static Command round(long seconds, int streams, String dir, List<String> roles) {
        List<String> args = new ArrayList<>(List.of(Long.toString(seconds), Integer.toString(streams), dir, STREAM_PY));
        args.addAll(roles);
        return script(ROUND, args);
    }

    /** Kills what a round left running (a lost connection) and removes its directory: the round's own trap does it too. */
    static Command cleanup(List<String> dirs) {
        List<String> args = new ArrayList<>(dirs);
        return script("""
                for d in "$@"; do
                  for p in $(cat "$d/pids" 2>/dev/null); do kill "$p" 2>/dev/null; done
                  rm -rf "$d"
                done
                """, args);
    }

    private static Command script(String text, List<String> args) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", text, "accept"));
        argv.addAll(args);
        return Command.of(argv);
    }
}
