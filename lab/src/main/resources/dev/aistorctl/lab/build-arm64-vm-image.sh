#!/bin/sh
# Builds the disk every arm64 VM lab host boots from, on a controller of another architecture,
# with neither binfmt_misc nor qemu-user: debootstrap's first stage unpacks the arm64 packages
# here, then an emulated arm64 machine (qemu-system-aarch64, TCG) boots Debian's arm64 kernel with
# a tiny initrd made of Debian's arm64 busybox, mounts the new disk and runs the second stage
# (the package configuration, which must execute arm64 code) in a chroot on it. The result has
# the same layout as the x86_64 disk (GPT, /boot and / as ext4, by label) and the same lab units;
# the kernel and the initrd it generated come back on a second disk as a tar file.
# There is no Java runtime in it: the controller's runtime is for the controller's architecture.
# Arguments: the output directory (must not exist yet), the Debian mirror, the packages (comma-separated).
set -eu
out="$1"; mirror="$2"; packages="$3"
# Each step with the time it starts: the build log shows where the time goes.
say() { echo "$(date -u +%T) $*"; }
work="$out.work"
rm -rf "$work"
mkdir -p "$work"
root="$work/root"
say "first stage: unpacking the arm64 packages"
debootstrap --arch=arm64 --foreign --variant=minbase \
    --include="$packages,linux-image-arm64,initramfs-tools,busybox,lvm2,mdadm,dmidecode,e2fsprogs,fdisk,gdisk,udev" \
    bookworm "$root" "$mirror"
archives="$root/var/cache/apt/archives"
kpkg="$work/kernel"
dpkg-deb -x "$(ls "$archives"/linux-image-[0-9]*-arm64_*.deb | head -n 1)" "$kpkg"
mkdir -p "$work/busybox"
dpkg-deb -x "$(ls "$archives"/busybox_*.deb | head -n 1)" "$work/busybox"
kver=$(ls "$kpkg/lib/modules")

# Settings the second stage must find before it configures the packages: it runs arm64 code under
# emulation, where every file written and every module packed costs minutes. dpkg writes without
# fsync (a failed build's disk is thrown away), and the initrd made at the end of the second stage
# holds only the modules a lab host needs to mount its root, gzip-compressed, instead of Debian's
# default (MODULES=most, zstd): packing and compressing every module was most of an hour alone.
mkdir -p "$root/etc/dpkg/dpkg.cfg.d" "$root/etc/initramfs-tools/conf.d" "$root/etc/initramfs-tools/hooks"
echo force-unsafe-io >"$root/etc/dpkg/dpkg.cfg.d/lab-build-unsafe-io"
printf 'MODULES=list\nCOMPRESS=gzip\n' >"$root/etc/initramfs-tools/conf.d/lab.conf"
# The modules are named by a hook, not in /etc/initramfs-tools/modules: that file is the package's
# conffile, and a copy already there when the package is configured would stop dpkg with a question.
cat >"$root/etc/initramfs-tools/hooks/lab-modules" <<'HOOK'
#!/bin/sh
# A lab host's root is ext4 on a virtio disk; the rest (nvme, xfs, virtio_net) loads from the root.
[ "${1:-}" = prereqs ] && exit 0
. /usr/share/initramfs-tools/hook-functions
for m in virtio_pci virtio_blk crc32c_generic ext4; do
    force_load "$m"
done
HOOK
chmod 0755 "$root/etc/initramfs-tools/hooks/lab-modules"

# The second stage resolves pre-dependencies and writes dpkg's available list by scanning the
# mirror's whole Packages file (about 50 MB) with grep and perl, several times: under emulation a
# minute a scan, over 5 minutes in all. Cut down to the packages the first stage fetched (it already
# resolved every dependency among them), each scan takes a moment and finds the same.
for list in "$root"/var/lib/apt/lists/*_Packages; do
    awk 'FNR == NR { fetched[$1] = 1; next } /^Package: / { keep = ($2 in fetched) } keep' \
        "$root/debootstrap/debpaths" "$list" >"$list.fetched"
    mv "$list.fetched" "$list"
done

# What the second stage applies once the packages are configured.
files="$root/root/lab-files"
mkdir -p "$files"
install -m 0755 "$out.seed-script" "$files/lab-seed"
install -m 0644 "$out.seed-unit" "$files/lab-seed.service"
cat >"$root/root/lab-second-stage" <<STAGE2
#!/bin/sh
set -eu
export PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive
echo "lab-build: \$(date -u +%T) second stage starts"
# INITRD=No: the kernel package's postinst makes no initrd; it is made once below, after every
# package with an initramfs hook is configured (under emulation one takes 2 minutes, and
# initramfs-tools' trigger would make it a second time at the end).
INITRD=No /debootstrap/debootstrap --second-stage
echo "lab-build: \$(date -u +%T) packages configured"
echo "deb $mirror bookworm main" >/etc/apt/sources.list
cat >/etc/fstab <<'FSTAB'
# The VM lab host's system disk (virtio): / and /boot, by label.
LABEL=labroot / ext4 errors=remount-ro 0 1
LABEL=labboot /boot ext4 defaults 0 2
FSTAB
# Each host gets its own host keys and machine id; a shared one would make every host the same machine.
rm -f /etc/ssh/ssh_host_*
: >/etc/machine-id
mkdir -p /etc/ssh/sshd_config.d
printf '# Lab hosts have one ed25519 host key each, generated when the lab comes up.\nHostKey /etc/ssh/ssh_host_ed25519_key\nUseDNS no\n' \
    >/etc/ssh/sshd_config.d/lab.conf
install -D -m 0755 /root/lab-files/lab-seed /usr/local/libexec/lab-seed
install -m 0644 /root/lab-files/lab-seed.service /etc/systemd/system/lab-seed.service
systemctl enable ssh.service systemd-networkd.service lab-seed.service
systemctl mask systemd-networkd-wait-online.service nvmf-autoconnect.service
# The initrd, with the settings above. A host whose initrd has no virtio_blk could not find its
# root, so that is checked, not assumed.
update-initramfs -c -k all
echo "lab-build: \$(date -u +%T) initrd made"
lsinitramfs /boot/initrd.img-* | grep -q '/virtio_blk\.ko' || { echo "lab-build: the initrd lacks virtio_blk" >&2; exit 1; }
apt-get clean
# The hosts' own dpkg runs keep fsync: unsafe I/O is for the throw-away build only.
rm -rf /var/lib/apt/lists/* /root/lab-files /root/lab-second-stage /etc/dpkg/dpkg.cfg.d/lab-build-unsafe-io
echo "lab-build: \$(date -u +%T) second stage done"
STAGE2

say "making the second stage's initrd"
ird="$work/initrd"
mkdir -p "$ird/bin" "$ird/lib/aarch64-linux-gnu" "$ird/modules" "$ird/proc" "$ird/sys" "$ird/dev" "$ird/newroot" "$ird/out"
cp "$work/busybox/bin/busybox" "$ird/bin/"
for a in sh mount umount insmod chroot tar sync poweroff sleep mkdir cat cp ls date tail kill; do ln -s busybox "$ird/bin/$a"; done
# busybox's libraries, from the unpacked arm64 libc (first stage).
libc="$work/libc"
mkdir -p "$libc"
dpkg-deb -x "$(ls "$archives"/libc6_*_arm64.deb | head -n 1)" "$libc"
for l in libc.so.6 libresolv.so.2 ld-linux-aarch64.so.1; do
    cp -L "$libc/usr/lib/aarch64-linux-gnu/$l" "$ird/lib/aarch64-linux-gnu/" 2>/dev/null \
        || cp -L "$libc/lib/aarch64-linux-gnu/$l" "$ird/lib/aarch64-linux-gnu/"
done
ln -s aarch64-linux-gnu/ld-linux-aarch64.so.1 "$ird/lib/ld-linux-aarch64.so.1"
mods="virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci virtio_blk crc16 crc32c_generic mbcache jbd2 ext4"
for m in $mods; do find "$kpkg/lib/modules/$kver" -name "$m.ko*" -exec cp {} "$ird/modules/" \; ; done
cat >"$ird/init" <<INIT
#!/bin/sh
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
for m in $mods; do insmod /modules/\$m.ko; done
n=0
while [ ! -b /dev/vda2 ] && [ \$n -lt 60 ]; do sleep 1; n=\$((n + 1)); done
rc=1
if mount -t ext4 /dev/vda2 /newroot && mount -t ext4 /dev/vda1 /newroot/boot; then
    mount -t proc proc /newroot/proc
    mount -t sysfs sys /newroot/sys
    mount -t devtmpfs dev /newroot/dev
    # Every minute the step debootstrap is at, on the console: where the time goes shows in the build log.
    (while sleep 60; do echo "lab-build: \$(date -u +%T) \$(tail -n 1 /newroot/debootstrap/debootstrap.log 2>/dev/null)"; done) &
    ticker=\$!
    chroot /newroot /bin/sh /root/lab-second-stage && rc=0
    kill \$ticker
    cp /newroot/boot/initrd.img-* /out/initrd.img
    # debootstrap's second stage mounts /proc and /sys again and unmounts them when it ends.
    umount /newroot/sys /newroot/proc 2>/dev/null
    umount /newroot/dev /newroot/boot /newroot
fi
echo \$rc >/out/rc
tar -C /out -cf /dev/vdb .
sync
poweroff -f
INIT
chmod 0755 "$ird/init"
(cd "$ird" && find . | cpio -o -H newc --quiet | gzip -1) >"$work/stage-initrd.img"

say "making the system disk"
boot_mib=256
root_mib=3840
mkdir -p "$work/boot"
truncate -s ${boot_mib}M "$work/boot.img"
truncate -s ${root_mib}M "$work/root.img"
mkfs.ext4 -q -F -L labboot "$work/boot.img"
mkfs.ext4 -q -F -L labroot -d "$root" "$work/root.img"
disk="$work/disk.raw"
truncate -s $((1 + boot_mib + root_mib + 1))M "$disk"
sfdisk -q "$disk" <<SFDISK
label: gpt
start=1MiB, size=${boot_mib}MiB, type=linux, name=boot
size=${root_mib}MiB, type=linux, name=root
SFDISK
dd if="$work/boot.img" of="$disk" bs=1M seek=1 conv=notrunc,sparse status=none
dd if="$work/root.img" of="$disk" bs=1M seek=$((1 + boot_mib)) conv=notrunc,sparse status=none
rm -rf "$root" "$work/boot.img" "$work/root.img"

say "second stage: configuring the packages inside an emulated arm64 machine (slow, once)"
truncate -s 256M "$work/out.tar"
qemu-system-aarch64 -machine virt -cpu neoverse-n1 -accel tcg,thread=multi -smp 2 -m 2048 -nodefaults -display none -no-reboot \
    -no-user-config -kernel "$kpkg/boot/vmlinuz-$kver" -initrd "$work/stage-initrd.img" \
    -append "console=ttyAMA0 rdinit=/init panic=-1 quiet" \
    -drive "file=$disk,if=none,id=system,format=raw,cache=unsafe" -device virtio-blk-pci,drive=system \
    -drive "file=$work/out.tar,if=none,id=out,format=raw,cache=unsafe" -device virtio-blk-pci,drive=out \
    -serial "file:$out.console.log"
mkdir -p "$work/result"
tar -C "$work/result" -xf "$work/out.tar"
if [ "$(cat "$work/result/rc" 2>/dev/null)" != 0 ]; then
    echo "the second stage failed; its console: $out.console.log" >&2
    tail -n 20 "$out.console.log" >&2
    exit 1
fi
mkdir -p "$out.tmp"
cp "$kpkg/boot/vmlinuz-$kver" "$out.tmp/vmlinuz"
cp "$work/result/initrd.img" "$out.tmp/initrd.img"
qemu-img convert -f raw -O qcow2 "$disk" "$out.tmp/disk.qcow2"
rm -rf "$work"
say "done"
