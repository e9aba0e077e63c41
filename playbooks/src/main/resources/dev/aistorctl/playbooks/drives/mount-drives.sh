# Mounts the data drives at their mount points from /etc/fstab and makes each filesystem root
# belong to the storage service. Argument 1: OWNER (user:group); then three per drive:
# MOUNT-POINT LABEL MARKER-JSON. A drive found mounted already is checked, not remounted; the
# marker is written only where none is (a marker that disagrees is for the plan to refuse).
# Before anything is mounted, every mount point that is not mounted yet must be absent or an empty
# directory: mounting over files would hide them (exit 16, nothing mounted).
export LC_ALL=C
PATH=$PATH:/usr/sbin:/sbin
export PATH
umask 022
owner=$1
shift
n=0
for a in "$@"; do
    n=$((n + 1))
    [ $((n % 3)) -eq 1 ] || continue
    if [ -d "$a" ] && ! mountpoint -q "$a" && [ -n "$(ls -A "$a")" ]; then
        echo "$a is not empty; refusing to mount a drive over its files (nothing mounted)" >&2
        exit 16
    fi
done
while [ "$#" -ge 3 ]; do
    mp=$1 label=$2 marker=$3
    shift 3
    mkdir -p "$mp" || exit 11
    if ! mountpoint -q "$mp"; then
        mount "$mp" || { echo "mount $mp (LABEL=$label from /etc/fstab) failed" >&2; exit 12; }
    fi
    dev=$(findmnt -n -o SOURCE --mountpoint "$mp")
    got=$(blkid -p -s LABEL -o value "$dev")
    if [ "$got" != "$label" ]; then
        echo "$mp has $dev mounted, labelled '$got', not $label" >&2
        exit 13
    fi
    if [ ! -e "$mp/.aistorctl-drive.json" ]; then
        printf '%s' "$marker" >"$mp/.aistorctl-drive.json" || exit 14
    fi
    chown "$owner" "$mp" || exit 15
done
exit 0
