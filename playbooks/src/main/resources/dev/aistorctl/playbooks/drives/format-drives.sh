# Formats a host's data drives in parallel: one mkfs.xfs per drive, all started at once, each exit
# code collected. mkfs.xfs runs without -f, so it refuses any device that carries a signature; only
# a drive the user named for wiping is wiped first (wipefs -a), and only that one. The marker is
# written into each new filesystem before it is unmounted again.
# Arguments, five per drive: DEVICE LABEL FS-UUID WIPE(0|1) MARKER-JSON.
# Output: per drive "@drive N EXIT", then that drive's messages; exit 1 when any drive failed.
export LC_ALL=C
PATH=$PATH:/usr/sbin:/sbin
export PATH
umask 022
t=$(mktemp -d) || exit 70
trap 'rm -rf "$t"' EXIT

prepare() {
    if [ "$4" = 1 ]; then
        wipefs -a "$1" || return 11
    fi
    mkfs.xfs -q -L "$2" -m uuid="$3" "$1" || return 12
    m=$(mktemp -d "$t/mnt.XXXXXX") || return 13
    mount -t xfs "$1" "$m" || return 14
    rc=0
    printf '%s' "$5" >"$m/.aistorctl-drive.json" || rc=15
    umount "$m" || rc=16
    rmdir "$m"
    return $rc
}

n=0
while [ "$#" -ge 5 ]; do
    n=$((n + 1))
    ( prepare "$1" "$2" "$3" "$4" "$5" >"$t/out.$n" 2>&1; echo "$?" >"$t/rc.$n" ) &
    shift 5
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
