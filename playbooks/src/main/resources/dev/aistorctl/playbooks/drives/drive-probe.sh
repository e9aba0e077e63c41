# Drive sources beyond the block devices, appended to the gather script's block sources (same
# framed stream, same round trip). The pool's mount points arrive as the script's arguments, never
# as script text: "$t/mp.N" holds mount point N.
n=0
for mp in "$@"; do
    n=$((n + 1))
    printf '%s' "$mp" >"$t/mp.$n"
done

# Mount point N: "exists TAB mounted TAB owner TAB group TAB mode TAB empty" (- when absent; empty
# is 1 when the directory holds no entry, 0 when it does, - when something is mounted there).
mount_dir() {
    mp=$(cat "$t/mp.$1")
    if [ ! -d "$mp" ]; then
        printf -- '0\t0\t-\t-\t-\n'
        return 0
    fi
    m=0 e=-
    if mountpoint -q "$mp"; then
        m=1
    elif [ -n "$(ls -A "$mp")" ]; then
        e=0
    else
        e=1
    fi
    printf '1\t%s\t%s\t%s\n' "$m" "$(stat -c '%U	%G	%a' "$mp")" "$e"
}

# The marker in the filesystem mounted at mount point N; exit 3 when nothing is mounted there.
marker() {
    mp=$(cat "$t/mp.$1")
    mountpoint -q "$mp" || return 3
    cat "$mp/.aistorctl-drive.json"
}

# XFS error handling of every mounted XFS filesystem: "device TAB class TAB max_retries TAB writable";
# exit 2 when the kernel's XFS settings are not visible here (no /sys/fs/xfs: a container).
# /sys/fs/xfs appears only once the module is loaded, by the first XFS mount: a plan made before the
# drives are formatted would find it absent and the apply after their mount present. Loading it here
# makes both see the same kernel.
xfs_retries() {
    [ -d /sys/fs/xfs ] || modprobe -q xfs 2>/dev/null || true
    [ -d /sys/fs/xfs ] || return 2
    for f in /sys/fs/xfs/*/error/metadata/*/max_retries; do
        [ -e "$f" ] || continue
        c=${f%/max_retries}
        d=${c%/error/metadata/*}
        w=0
        [ -w "$f" ] && w=1
        read -r v <"$f" || v=-
        printf '%s\t%s\t%s\t%s\n' "${d##*/}" "${c##*/}" "$v" "$w"
    done
    :
}

i=0
while [ "$i" -lt "$n" ]; do
    i=$((i + 1))
    run "mount-dir-$i.txt" 'mount_dir "$i"' "stat of the pool's mount point $i"
    run "marker-$i.json" 'marker "$i"' "the drive marker in the filesystem mounted at mount point $i"
done
run service-user.txt 'id -u minio-user'
run xfs-retries.txt 'xfs_retries' 'max_retries of /sys/fs/xfs/*/error/metadata/*'
run xfs-retries-unit.txt 'cat /etc/systemd/system/aistorctl-xfs-retries.service'
run xfs-retries-script.txt 'cat /usr/local/lib/aistorctl/xfs-retries'
run xfs-retries-enabled.txt 'systemctl is-enabled aistorctl-xfs-retries.service'
