package dev.aistorctl.workflows.accept;

import dev.aistorctl.core.Command;
import java.util.ArrayList;
import java.util.List;

/**
 * The shell a host runs to measure its data drives: fixed text, with the mount points and figures as
 * positional arguments (never spliced into the script). Only a file named {@link #TEST_FILE} directly
 * under each mount point is ever written, and the script removes it on any exit.
 */
final class DriveScripts {
    /** The one file accept writes on a data drive; a dot file, so a listing of the drive does not show it. */
    static final String TEST_FILE = ".aistorctl-accept.bin";

    /**
     * {@code ports PCI_FUNCTION}: the links of the PCIe ports between a PCI function (its sysfs directory) and the
     * root complex, nearest first, as "address|link now|link max" joined by ";". A drive's slow link shows at the
     * drive's end on most hardware, but at the port's where the drive reports only what it trained at (QEMU's NVMe:
     * its own end says 2.5 GT/s x1 of 2.5 GT/s x1, the port 2.5 GT/s x1 of 16 GT/s x4).
     */
    private static final String PORTS = """
            rd() { [ -r "$1" ] && tr -d '\\n' < "$1" | sed 's/ *$//'; }
            ports() {
              up=; dev=$(readlink -f "$1" 2>/dev/null) || return 0
              while [ -n "$dev" ] && [ "$dev" != / ]; do
                dev=$(dirname "$dev")
                case "${dev##*/}" in *:*:*.*) ;; *) break ;; esac
                if [ -r "$dev/current_link_width" ]; then
                  up="$up${up:+;}${dev##*/}|$(rd "$dev/current_link_speed") x$(rd "$dev/current_link_width")|$(rd "$dev/max_link_speed") x$(rd "$dev/max_link_width")"
                fi
              done
              printf '%s' "$up"
            }
            """;

    /**
     * One line per mount ("M", mount, state, free bytes, source device, model, serial, loop image, firmware,
     * link now, link max, upstream ports' links; tab-separated), then "T", the tool: fio when the host has it, else
     * "python3+dd" (python3 writes, dd reads) when it has python3, else dd.
     * Reads sysfs of the whole-disk device behind the mount: an NVMe namespace's controller has model, serial
     * and firmware_rev, and its parent is the PCI function with the link attributes, below the ports it sits behind.
     */
    private static final String PROBE = PORTS + """
            for m in "$@"; do
              if ! mountpoint -q "$m"; then printf 'M\\t%s\\tnot-a-mount\\n' "$m"; continue; fi
              avail=$(df -PB1 "$m" | awk 'NR==2{print $4}')
              src=$(findmnt -n -o SOURCE --target "$m")
              b=$(basename "$src"); p=$(lsblk -no PKNAME "$src" 2>/dev/null | head -n1); [ -n "$p" ] && b=$p
              d=/sys/block/$b; pci=$d/device/device; now=; max=
              if [ -r "$pci/current_link_width" ]; then
                now="$(rd "$pci/current_link_speed") x$(rd "$pci/current_link_width")"
                max="$(rd "$pci/max_link_speed") x$(rd "$pci/max_link_width")"
              fi
              up=; [ -e "$pci" ] && up=$(ports "$pci")
              printf 'M\\t%s\\tok\\t%s\\t%s\\t%s\\t%s\\t%s\\t%s\\t%s\\t%s\\t%s\\n' "$m" "$avail" "$src" "$(rd "$d/device/model")" \\
                "$(rd "$d/device/serial")" "$(rd "$d/loop/backing_file")" "$(rd "$d/device/firmware_rev")" "$now" "$max" "$up"
            done
            if command -v fio >/dev/null 2>&1; then printf 'T\\tfio\\n'
            elif command -v python3 >/dev/null 2>&1; then printf 'T\\t%s\\n' python3+dd
            else printf 'T\\tdd\\n'; fi
            """;

    /**
     * Without fio, the write: one 1 MiB page-aligned buffer of random bytes, filled once and written again and again
     * with direct I/O (as fio's psync job does), timed from the first write to the last; SIGINT stops it between
     * writes. It prints dd's summary line, so one parser reads both. dd cannot write this way: it reads every block
     * from its input before writing it, and that fill of the buffer, not the copy's CPU time, is what held dd to 0.45
     * of fio's figure on a direct-I/O lab drive writing the same zeros (fio refilling its buffer before each write
     * fell to 0.60). python3 ships with every stock Ubuntu server; dd writes where it is missing (the tool "dd").
     */
    private static final String WRITER = """
            import mmap, os, signal, sys, time
            path, mib = sys.argv[1], int(sys.argv[2])
            stop = []
            signal.signal(signal.SIGINT, lambda *a: stop.append(1))
            buf = mmap.mmap(-1, 1 << 20)
            buf.write(os.urandom(1 << 20))
            fd = os.open(path, os.O_WRONLY | os.O_DIRECT)
            moved, error = 0, None
            start = time.monotonic()
            try:
                while moved < mib << 20 and not stop:
                    n = os.write(fd, buf)
                    moved += n
                    if n < len(buf):
                        break
            except OSError as e:
                error = e
            secs = time.monotonic() - start
            if error:
                print("python3: error writing " + path + ": " + error.strerror, file=sys.stderr)
            print("{} bytes copied, {:.6f} s, {:.0f} MB/s".format(moved, secs, moved / secs / 1e6 if secs else 0))
            """;

    /**
     * Writes then reads the test file on every mount given, all at once, each pass bounded by time
     * (SIGINT makes dd and the writer print what they moved) and size; prints "@@ index op" and the tool's output for
     * each. Without fio the file is laid out beforehand ({@code fallocate}, then overwritten in place: dd's
     * {@code conv=notrunc}), as fio lays out its file before it writes: a write that allocates the filesystem's
     * extents as it goes measures the allocator as much as the drive (0.28 of fio's figure on a lab drive, against
     * 0.69 laid out). The write is {@link #WRITER}'s with the tool "python3+dd", else dd's; the read is dd's.
     */
    private static final String MEASURE = """
            tool=$1; mib=$2; secs=$3; writer=$4; shift 4
            tmp=$(mktemp -d) || exit 1
            trap 'for m in "$@"; do rm -f "$m/%1$s"; done; rm -rf "$tmp"' EXIT INT TERM HUP
            pass() {
              f="$3/%1$s"
              if [ "$tool" = fio ]; then
                timeout -s INT $((secs + 10)) fio --name=accept --filename="$f" --rw="$1" --bs=1M --direct=1 --size="${mib}M" \\
                  --ioengine=psync --scramble_buffers=0 --runtime="$secs" --output-format=json >"$tmp/$2.$1" 2>&1
              elif [ "$1" = write ]; then
                fallocate -l "${mib}M" "$f" 2>/dev/null || true
                if [ "$tool" = python3+dd ]; then
                  timeout -s INT "$secs" python3 -c "$writer" "$f" "$mib" >"$tmp/$2.$1" 2>&1
                else
                  timeout -s INT "$secs" dd if=/dev/zero of="$f" bs=1M count="$mib" oflag=direct conv=notrunc >"$tmp/$2.$1" 2>&1
                fi
              else
                timeout -s INT "$secs" dd if="$f" of=/dev/null bs=1M iflag=direct >"$tmp/$2.$1" 2>&1
              fi
            }
            for op in write read; do
              i=0; for m in "$@"; do i=$((i + 1)); pass "$op" "$i" "$m" & done; wait
            done
            i=0
            for m in "$@"; do
              i=$((i + 1))
              for op in write read; do printf '@@ %%s %%s\\n' "$i" "$op"; cat "$tmp/$i.$op"; done
            done
            """.formatted(TEST_FILE);

    private DriveScripts() {
    }

    static Command probe(List<String> mounts) {
        return script(PROBE, mounts).asRoot();
    }

    /** The upstream ports' links of one PCI function, as the probe prints them (its last field). */
    static Command ports(String pciFunction) {
        return script(PORTS + "ports \"$1\"\n", List.of(pciFunction));
    }

    static Command measure(String tool, long mib, long seconds, List<String> mounts) {
        List<String> args = new ArrayList<>(List.of(tool, Long.toString(mib), Long.toString(seconds), WRITER));
        args.addAll(mounts);
        return script(MEASURE, args).asRoot();
    }

    /** Removes the test file from every mount: the script's own trap does it too, this covers a lost connection. */
    static Command cleanup(List<String> mounts) {
        List<String> argv = new ArrayList<>(List.of("rm", "-f", "--"));
        mounts.forEach(m -> argv.add(testFile(m)));
        return Command.of(argv).asRoot();
    }

    static String testFile(String mount) {
        return (mount.endsWith("/") ? mount : mount + "/") + TEST_FILE;
    }

    private static Command script(String text, List<String> args) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", text, "accept"));
        argv.addAll(args);
        return Command.of(argv);
    }
}
