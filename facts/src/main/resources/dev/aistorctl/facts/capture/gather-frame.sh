# aistorctl fact gathering: collects every capture source in one run and prints them on stdout as
# one framed stream (parsed by CaptureStream). A missing tool is recorded (exit 127), never fatal.
# POSIX sh; runs as root so dmidecode and nvme can read the hardware.
# This is the fixed frame of the script; GatherScript appends the sources declared in Sources.java
# (their shell functions, then one `run` per source between the stream's header and end lines).
export LC_ALL=C
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH
export PATH
umask 077
# Only a directory mktemp made: a predictable /tmp name, as root, is one another user can plant a link at.
t=$(mktemp -d 2>/dev/null) || { echo "aistorctl gather: cannot create a private temporary directory (mktemp -d failed; is TMPDIR or /tmp writable?)" >&2; exit 70; }
trap 'rm -rf "$t"' EXIT
trap 'exit 129' HUP INT TERM
tab=$(printf '\t')

# Hosts have hundreds of CPUs and PCI devices: every fork counts, so time comes from /proc/uptime
# (centiseconds, read by a builtin) and sysfs values are read with `read`, not `cat`.
stamp() {
    read -r cs _ 2>/dev/null </proc/uptime || cs=0
    cs=${cs%.*}${cs#*.}
    cs=${cs#"${cs%%[!0]*}"}
    cs=${cs:-0}
}

# One record: "@@ NAME EXIT MS OUTLEN ERRLEN SOURCE", then OUTLEN bytes of stdout, ERRLEN bytes of
# stderr, then a newline. $3, when given, is how the source is shown (names from sysfs reach the
# command through a variable, never through eval'd text).
run() {
    name=$1
    src=$2
    shown=${3:-$2}
    stamp
    start=$cs
    ( eval "$src" ) >"$t/out" 2>"$t/err" </dev/null
    rc=$?
    stamp
    # One wc for both sizes: "OUT path ERR path TOTAL total".
    set -- $(wc -c "$t/out" "$t/err")
    printf '@@ %s %s %s %s %s %s\n' "$name" "$rc" $(( (cs - start) * 10 )) "$1" "$3" "$shown"
    cat "$t/out" "$t/err"
    printf '\n'
}

# Reads one sysfs attribute into $v ("-" when absent or empty) with the read builtin: a server
# has few devices, but a build machine may have hundreds of loop devices, and forks add up.
sysfs_value() {
    v=
    read -r v 2>/dev/null <"$1"
    [ -n "$v" ] || v=-
}
