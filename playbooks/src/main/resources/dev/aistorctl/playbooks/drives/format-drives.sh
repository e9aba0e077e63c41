# Formats a host's data drives in parallel: one mkfs.xfs per drive, all started at once, each exit
# code collected. mkfs.xfs runs without -f, so it refuses any device that carries a signature; only
# a drive the user named for wiping is wiped first (wipefs -a), and only that one. The marker is
# written into each new filesystem before it is unmounted again. Right before a drive is touched its
# identity is checked against the plan's (size, serial, a loop device's backing file), in the same
# command as the format, so no re-probe can be separated from it: another drive is never formatted.
# A drive the plan found blank must still be blank: no signature where blkid looks by itself, nor where
# a partition usually starts (a filesystem left at 1 MiB by a wiped partition table, which mkfs.xfs
# would not see and would overwrite).
# Arguments, eight per drive: DEVICE LABEL FS-UUID WIPE(0|1) MARKER-JSON SIZE SERIAL BACKING-FILE
# (SERIAL and BACKING-FILE "-" when the plan has none).
# Output: per drive "@drive N EXIT", then that drive's messages; exit 1 when any drive failed.
export LC_ALL=C
PATH=$PATH:/usr/sbin:/sbin
export PATH
umask 022
t=$(mktemp -d) || exit 70
trap 'rm -rf "$t"' EXIT

same() {
    dev=$1 size=$2 serial=$3 backing=$4
    now=$(blockdev --getsize64 "$dev") || { echo "device state changed: cannot read the size of $dev"; return 10; }
    [ "$now" = "$size" ] || { echo "device state changed: $dev is $now bytes, the plan says $size"; return 10; }
    if [ "$serial" != - ]; then
        now=$(lsblk -dno SERIAL "$dev" | sed 's/^[[:space:]]*//;s/[[:space:]]*$//') || now=
        [ "$now" = "$serial" ] || { echo "device state changed: $dev has serial '$now', the plan says $serial"; return 10; }
    fi
    if [ "$backing" != - ]; then
        now=$(cat "/sys/block/${dev##*/}/loop/backing_file" 2>/dev/null) || now=
        [ "$now" = "$backing" ] || { echo "device state changed: $dev is backed by '$now', the plan says $backing"; return 10; }
    fi
    return 0
}

# blank DEVICE: nothing blkid's low-level probe recognises, at the start nor at the partition offsets the plan's probe reads.
blank() {
    dev=$1
    for o in - 32256 258048 1048576 8388608; do
        if [ "$o" = - ]; then
            found=$(blkid -p -o export "$dev" 2>&1); rc=$?
        else
            found=$(blkid -p -O "$o" -o export "$dev" 2>&1); rc=$?
        fi
        [ "$rc" = 2 ] && continue
        where=; [ "$o" = - ] || where=" at $o bytes"
        if [ "$rc" = 0 ]; then
            echo "device state changed: $dev now carries a signature$where ($(printf '%s' "$found" | grep -E '^(TYPE|PTTYPE|LABEL)=' | tr '\n' ' ' | sed 's/ $//')), the plan says blank"
        else
            echo "device state changed: cannot probe $dev$where (blkid exit $rc: $(printf '%s' "$found" | head -n 1)), the plan says blank"
        fi
        return 10
    done
    return 0
}

prepare() {
    same "$1" "$6" "$7" "$8" || return 10
    if [ "$4" = 1 ]; then
        wipefs -a "$1" || return 11
    else
        blank "$1" || return 10
    fi
    mkfs.xfs -q -L "$2" -m uuid="$3" "$1" || return 12
    m=$(mktemp -d "$t/mnt.XXXXXX") || return 13
    $private sh -c 'mount -t xfs "$1" "$2" || exit 14; rc=0
        printf "%s" "$3" >"$2/.aistorctl-drive.json" || rc=15
        umount "$2" || rc=16; exit $rc' sh "$1" "$m" "$5"
    rc=$?
    rmdir "$m"
    return $rc
}

# The marker is written through a mount in a mount namespace of its own where util-linux's unshare exists: if the
# run is stopped while the drive is mounted (a killed controller lets go of its lock, which kills the run's
# processes), the mount ends with its namespace, instead of staying behind in a temporary folder where the next
# plan would find the drive mounted somewhere it does not know and refuse it.
private=
if unshare --mount --propagation private -- true 2>/dev/null; then
    private="unshare --mount --propagation private --"
fi

n=0
while [ "$#" -ge 8 ]; do
    n=$((n + 1))
    ( prepare "$1" "$2" "$3" "$4" "$5" "$6" "$7" "$8" >"$t/out.$n" 2>&1; echo "$?" >"$t/rc.$n" ) &
    shift 8
done
wait

failed=0
i=0
while [ "$i" -lt "$n" ]; do
    i=$((i + 1))
    rc=99
    read -r rc <"$t/rc.$i"
    printf '@drive %s %s\n' "$i" "$rc"
    cat "$t/out.$i"
    [ "$rc" = 0 ] || failed=1
done
exit "$failed"
