# aistorctl fact gathering: collects every capture source in one run and prints them on stdout as
# one framed stream (parsed by CaptureStream). A missing tool is recorded (exit 127), never fatal.
# POSIX sh; runs as root so dmidecode and nvme can read the hardware.
# This is the fixed frame of the script; GatherScript appends the sources declared in Sources.java
# (their shell functions, then one `run` per source after the stream's header line, then end_capture).
export LC_ALL=C
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH
export PATH
umask 077
# Only a directory mktemp made: a predictable /tmp name, as root, is one another user can plant a link at.
t=$(mktemp -d 2>/dev/null) || { echo "aistorctl gather: cannot create a private temporary directory (mktemp -d failed; is TMPDIR or /tmp writable?)" >&2; exit 70; }
trap 'rm -rf "$t"' EXIT
trap 'exit 129' HUP INT TERM
tab=$(printf '\t')
nl='
'

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
# A record costs no process of its own: the source runs in this shell (a subshell is a fork), its
# output waits in "$t/N.o" and "$t/N.e", and end_capture prints every record at the end with one
# `wc` for all the lengths and one `cat` for all the bytes. A fork and an exec per record used to
# cost more CPU than most of the sources themselves. So a source must not `exit`, and must leave
# alone this frame's variables: t, tab, nl, cs and those that start with an underscore.
_nrec=0
run() {
    _nrec=$((_nrec + 1))
    eval "_name_$_nrec=\$1 _shown_$_nrec=\${3:-\$2}"
    stamp
    _start=$cs
    { eval "$2"; } >"$t/$_nrec.o" 2>"$t/$_nrec.e" </dev/null
    _rc=$?
    stamp
    eval "_rc_$_nrec=\$_rc _ms_$_nrec=\$(( (cs - _start) * 10 ))"
}

# Notes that record $1 leaves something out, and why ($2, one line): a whole source not run because another
# record already holds its facts, or a device a probe skipped because no fact would read the answer. Printed at
# the end as "@@LEFT-OUT NAME TEXT", which the manifest keeps, so a bundle tells "not gathered because not
# needed" from "failed". By the printf builtin into one file: no process.
left_out() {
    printf '@@LEFT-OUT %s %s\n' "$1" "$2" >>"$t/left-out"
}

# Whether record $1 was gathered earlier in this run, exited 0 and printed something: a source gathered only
# in another's place asks it. False when this script did not gather $1 at all.
record_ok() {
    _i=0
    while [ "$_i" -lt "$_nrec" ]; do
        _i=$((_i + 1))
        eval "[ \"\$_name_$_i\" = \"\$1\" ]" || continue
        eval "[ \"\$_rc_$_i\" = 0 ]" && [ -s "$t/$_i.o" ]
        return
    done
    return 1
}

# Prints every record gathered so far, in order, then what was left out, then the stream's end line.
end_capture() {
    cd "$t" || exit 70
    printf '\n' >nl
    if [ "$_nrec" -gt 0 ]; then
        _i=0
        set --
        while [ "$_i" -lt "$_nrec" ]; do
            _i=$((_i + 1))
            set -- "$@" "$_i.o" "$_i.e"
        done
        # "LENGTH FILE" per file in argument order (then a total line, not read)
        wc -c "$@" >lengths || exit 70
        _i=0
        set --
        while [ "$_i" -lt "$_nrec" ] && read -r _olen _ && read -r _elen _; do
            _i=$((_i + 1))
            eval "printf '@@ %s %s %s %s %s %s\\n' \"\$_name_$_i\" \"\$_rc_$_i\" \"\$_ms_$_i\" \"\$_olen\" \"\$_elen\" \"\$_shown_$_i\"" >"$_i.h"
            set -- "$@" "$_i.h" "$_i.o" "$_i.e" nl
        done <lengths
        [ "$_i" -eq "$_nrec" ] || exit 70
        [ ! -e left-out ] || set -- "$@" left-out
        cat "$@" || exit 70
    elif [ -e left-out ]; then
        cat left-out || exit 70
    fi
    printf '@@END\n'
}

# Reads one sysfs attribute into $v ("-" when absent or empty) with the read builtin: a server
# has few devices, but a build machine may have hundreds of loop devices, and forks add up.
sysfs_value() {
    v=
    read -r v 2>/dev/null <"$1"
    [ -n "$v" ] || v=-
}

# The physical path of sysfs directory $1 (its symlinks resolved, as `readlink -f` prints it) into $v,
# "-" when it cannot be entered; by the cd builtin, so no process per device. Back where it was after.
sysfs_path() {
    v=-
    cd -P -- "$1" 2>/dev/null || return 0
    v=$PWD
    cd "$OLDPWD" 2>/dev/null || cd /
}

# Holds block device /dev/$1 open, read-only, on fd 3 until release_device; $2 is the sysfs folder that says
# whether its disk is removable. The kernel drops a block device's page cache at its last close, so each probe
# program (wipefs, od, blkid at four offsets) would otherwise read the drive again from the device: held open,
# they read it from memory. Only a block device (a FIFO would block the open) and only a fixed one: opening a
# removable drive without O_NONBLOCK, which a shell cannot ask for, may close a CD tray. A device that cannot be
# opened is simply not held; its probes run and report as before.
hold_device() {
    [ -b "/dev/$1" ] || return 0
    sysfs_value "$2/removable"
    [ "$v" = 0 ] || return 0
    { command exec 3<"/dev/$1"; } 2>/dev/null
    return 0
}

release_device() {
    exec 3<&-
}

# Prints the small text file $1 byte for byte as `cat` would, by the read builtin: for a file of a line or a few
# dozen, starting a program costs more than reading it a byte at a time. A file that is not a readable regular
# file goes to `cat` itself, so that the record keeps cat's own message and exit status.
copy_file() {
    if [ ! -f "$1" ] || [ ! -r "$1" ]; then
        cat "$1"
        return
    fi
    while IFS= read -r _l; do
        printf '%s\n' "$_l"
    done <"$1"
    # a last line without its newline
    [ -z "$_l" ] || printf '%s' "$_l"
}
