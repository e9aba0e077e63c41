# aistorctl fact gathering: collects every capture source in one run and prints them on stdout as
# one framed stream (parsed by CaptureStream). A missing tool is recorded (exit 127), never fatal.
# POSIX sh; runs as root so dmidecode and nvme can read the hardware.
export LC_ALL=C
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$PATH
export PATH
umask 077
t=$(mktemp -d 2>/dev/null) || t=/tmp/aistorctl-gather.$$
mkdir -p "$t" || exit 70
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

# Block devices and partitions as the kernel lists them, for drive eligibility: name, whole disk
# (- for a disk), major:minor, holders (md, dm, LVM; comma-separated, - for none), ro, removable,
# size in 512-byte sectors, the sysfs path, which names the PCI function behind the drive, and a
# loop device's backing file (- for anything else): a loop device has no serial, so the file is
# what tells one attached disk image from another.
# Reads one sysfs attribute into $v ("-" when absent or empty) with the read builtin: a server
# has few devices, but a build machine may have hundreds of loop devices, and forks add up.
sysfs_value() {
    v=
    read -r v 2>/dev/null <"$1"
    [ -n "$v" ] || v=-
}
block_line() {
    h=-
    for x in "$1"/holders/*; do
        [ -e "$x" ] || continue
        if [ "$h" = - ]; then h=${x##*/}; else h="$h,${x##*/}"; fi
    done
    sysfs_value "$1/dev"; dev=$v
    sysfs_value "$1/ro"; ro=$v
    sysfs_value "$1/removable"; rm=$v
    sysfs_value "$1/size"; size=$v
    sysfs_value "$1/loop/backing_file"; bf=$v
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "${1##*/}" "$2" "$dev" "$h" "$ro" "$rm" "$size" \
        "$(readlink -f "$1" 2>/dev/null || echo -)" "$bf"
}
block_sysfs() {
    for d in /sys/block/*; do
        [ -e "$d" ] || continue
        block_line "$d" -
        for p in "$d"/*/partition; do
            [ -e "$p" ] && block_line "${p%/partition}" "${d##*/}"
        done
    done
    :
}

# Signatures read from the devices themselves (libblkid's low-level probe through wipefs), because
# lsblk's FSTYPE and LABEL come from the udev database, which can be stale and is absent in
# containers. Per device with a non-zero size: "@device NAME EXIT", then wipefs's JSON or error.
signatures() {
    for d in /sys/block/* /sys/block/*/*/partition; do
        [ -e "$d" ] || continue
        d=${d%/partition}
        sysfs_value "$d/size"
        [ "$v" = 0 ] && continue
        n=${d##*/}
        o=$(wipefs --no-act -J -O DEVICE,OFFSET,TYPE,UUID,LABEL,USAGE "/dev/$n" 2>&1)
        printf '@device %s %s\n%s\n' "$n" "$?" "$o"
    done
    :
}

# Signatures where a partition usually starts, for a drive whose partition table was wiped.
# Per whole device with a non-zero size and offset: "@device NAME OFFSET EXIT", then blkid's output.
probe_signatures() {
    for d in /sys/block/*; do
        [ -e "$d" ] || continue
        sysfs_value "$d/size"
        [ "$v" = 0 ] && continue
        n=${d##*/}
        for o in 32256 258048 1048576 8388608; do
            out=$(blkid -p -O "$o" -o export "/dev/$n" 2>&1)
            printf '@device %s %s %s\n%s\n' "$n" "$o" "$?" "$out"
        done
    done
    :
}

printf 'AISTORCTL-CAPTURE 1\n'
run lscpu.txt 'lscpu'
run lscpu.json 'lscpu -J'
run cpuinfo.txt 'cat /proc/cpuinfo'
run meminfo.txt 'cat /proc/meminfo'
run dmidecode-memory.txt 'dmidecode -t memory'
run dmidecode-system.txt 'dmidecode -t 0,1,2,3'
run os-release.txt 'cat /etc/os-release'
run uname.txt 'uname -a'
run lsblk.json 'lsblk -J -b -O'
run nvme-list.json 'nvme list -o json'
run nvme-list.txt 'nvme list'
for c in /sys/class/nvme/nvme*; do
    [ -e "$c" ] || continue
    n=${c##*/}
    run "nvme-smart-log-$n.json" 'nvme smart-log "/dev/$n" -o json' "nvme smart-log /dev/$n -o json"
done
run nvme-sysfs.txt 'for c in /sys/class/nvme/nvme*; do [ -e "$c" ] || continue; l=${c##*/}; for a in transport address model serial firmware_rev; do v=-; read -r v 2>/dev/null <"$c/$a"; [ -n "$v" ] || v=-; l="$l$tab$v"; done; printf "%s\n" "$l"; done'
run lspci-vvv.txt 'lspci -vvv -D -nn'
run pci-links.txt 'for d in /sys/bus/pci/devices/*; do [ -e "$d" ] || continue; l=${d##*/}; for a in class current_link_speed current_link_width max_link_speed max_link_width; do v=-; read -r v 2>/dev/null <"$d/$a"; [ -n "$v" ] || v=-; l="$l$tab$v"; done; printf "%s\n" "$l"; done'
run ip-link.json 'ip -j -d link'
run net-speed.txt 'for f in /sys/class/net/*/speed; do [ -e "$f" ] || continue; v=-1; read -r v 2>/dev/null <"$f" || v=-1; printf "%s:%s\n" "$f" "$v"; done'
run net-devices.txt 'for i in /sys/class/net/*; do [ -e "$i" ] || continue; d=-; b=-; [ -e "$i/device/driver" ] && d=$(basename "$(readlink -f "$i/device/driver")"); [ -e "$i/device" ] && b=$(basename "$(readlink -f "$i/device")"); printf "%s\t%s\t%s\n" "${i##*/}" "$d" "$b"; done'
for i in /sys/class/net/*; do
    [ -e "$i" ] || continue
    n=${i##*/}
    [ "$n" = lo ] && continue
    run "ethtool-$n.txt" 'ethtool "$n"' "ethtool $n"
done
run cpufreq.txt 'for d in /sys/devices/system/cpu/cpu[0-9]*/cpufreq; do [ -d "$d" ] || continue; for a in scaling_driver scaling_governor scaling_available_governors; do [ -r "$d/$a" ] && read -r v <"$d/$a" && printf "%s:%s\n" "$d/$a" "$v"; done; done; :'
run sysctl.txt 'sysctl -a'
run mounts.txt 'cat /proc/self/mountinfo'
run fstab.txt 'cat /etc/fstab'
run swaps.txt 'cat /proc/swaps'
run cmdline.txt 'cat /proc/cmdline'
run thp.txt 'cat /sys/kernel/mm/transparent_hugepage/enabled'
run iommu.txt 'for u in /sys/class/iommu/*; do [ -e "$u" ] && printf "unit\t%s\n" "${u##*/}"; done; for g in /sys/kernel/iommu_groups/*/type; do [ -e "$g" ] || continue; sysfs_value "$g"; n=${g%/type}; printf "group\t%s\t%s\n" "${n##*/}" "$v"; done; :'
run timedatectl.txt 'timedatectl show'
run chronyc-tracking.txt 'command -v chronyc >/dev/null || exit 0; chronyc tracking'
run numa-nodes.txt 'for n in /sys/devices/system/node/node[0-9]*; do [ -e "$n" ] && printf "node\t%s\n" "${n##*/}"; done; for c in /sys/class/nvme/nvme*; do [ -e "$c" ] || continue; sysfs_value "$c/device/numa_node"; printf "nvme\t%s\t%s\n" "${c##*/}" "$v"; done; for i in /sys/class/net/*; do [ -e "$i/device" ] || continue; sysfs_value "$i/device/numa_node"; printf "net\t%s\t%s\n" "${i##*/}" "$v"; done; :'
run block-sysfs.txt 'block_sysfs' 'for each /sys/block/* and partition: name, disk, dev, holders, ro, removable, size, sysfs path'
run signatures.txt 'signatures' 'wipefs --no-act -J -O DEVICE,OFFSET,TYPE,UUID,LABEL,USAGE /dev/NAME for each block device and partition'
run partition-signatures.txt 'probe_signatures' 'blkid -p -O OFFSET -o export /dev/NAME for each whole device at 32256, 258048, 1048576 and 8388608 bytes'
run versions.txt 'for c in "nvme version" "lspci --version" "lscpu --version" "ethtool --version" "dmidecode --version" "ip -V" "uname -r"; do printf "%s: " "$c"; $c 2>&1 | head -1; done'
printf '@@END\n'
