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
run versions.txt 'for c in "nvme version" "lspci --version" "lscpu --version" "ethtool --version" "dmidecode --version" "ip -V" "uname -r"; do printf "%s: " "$c"; $c 2>&1 | head -1; done'
printf '@@END\n'
