#!/bin/sh
# Builds the disk every VM lab host boots from, out of the lab's cached container root:
# Debian's kernel and the disk tools a storage server has, the controller's Java runtime (the
# storage daemon of flavour s3proxy runs on it), a unit that applies each host's identity handed
# in by QEMU (fw_cfg), and a GPT disk with /boot and / as ext4 partitions, made without loop
# devices (mkfs.ext4 -d per partition, copied into place at the partition's offset).
# Arguments: the cached root, the output directory (must not exist yet), the Java home, the Debian mirror.
set -eu
base="$1"; out="$2"; java_home="$3"; mirror="$4"
work="$out.work"
rm -rf "$work"
mkdir -p "$work"
root="$work/root"
echo "copying the base root"
cp -a "$base" "$root"
mkdir -p "$root/etc/initramfs-tools/conf.d"
# Only what this VM needs to find its root: a small initrd unpacks in a second even under emulation.
printf 'MODULES=list\nCOMPRESS=gzip\n' >"$root/etc/initramfs-tools/conf.d/lab.conf"
printf 'virtio_pci\nvirtio_blk\next4\ncrc32c_generic\n' >>"$root/etc/initramfs-tools/modules"
echo "deb $mirror bookworm main" >"$root/etc/apt/sources.list"
echo "installing the kernel and the disk tools"
systemd-nspawn -q -D "$root" --pipe --keep-unit --register=no --resolv-conf=copy-host --timezone=off \
    -E DEBIAN_FRONTEND=noninteractive sh -c 'apt-get update -qq && apt-get install -y -qq --no-install-recommends \
    linux-image-amd64 lvm2 mdadm dmidecode e2fsprogs fdisk gdisk udev </dev/null && apt-get clean'
rm -rf "$root/var/lib/apt/lists"/* "$root/var/cache/apt/archives"/*.deb
# The container-only pieces: a VM has its own udev and its own block devices.
rm -f "$root/etc/systemd/system-generators/lab-fstab-devices" "$root/usr/local/libexec/lab-own-block-devices"
rm -f "$root/etc/systemd/system/lab-own-block-devices.service" "$root/etc/systemd/system/sysinit.target.wants/lab-own-block-devices.service"
echo "copying the Java runtime $java_home"
mkdir -p "$root$java_home"
cp -a "$java_home/." "$root$java_home/"
# Debian's JDK links its configuration and CA store into /etc: copy what the links point to, drop dangling ones.
find "$root$java_home" -type l | while IFS= read -r link; do
    on_controller=${link#"$root"}
    rm "$link"
    if [ -e "$on_controller" ]; then cp -rL "$on_controller" "$link"; fi
done
ln -sfn "$java_home/bin/java" "$root/usr/local/bin/java"
cat >"$root/etc/fstab" <<'FSTAB'
# The VM lab host's system disk (virtio): / and /boot, by label.
LABEL=labroot / ext4 errors=remount-ro 0 1
LABEL=labboot /boot ext4 defaults 0 2
FSTAB
install -m 0755 "$out.seed-script" "$root/usr/local/libexec/lab-seed"
install -m 0644 "$out.seed-unit" "$root/etc/systemd/system/lab-seed.service"
ln -sfn /etc/systemd/system/lab-seed.service "$root/etc/systemd/system/sysinit.target.wants/lab-seed.service"
# A storage server's serial console: a login prompt on ttyS0 is what an engineer would use.
mkdir -p "$out.tmp"
cp "$root"/boot/vmlinuz-*-amd64 "$out.tmp/vmlinuz"
cp "$root"/boot/initrd.img-*-amd64 "$out.tmp/initrd.img"
mkdir -p "$work/boot"
mv "$root"/boot/* "$work/boot/"
echo "making the system disk"
boot_mib=256
root_mib=3840
truncate -s ${boot_mib}M "$work/boot.img"
truncate -s ${root_mib}M "$work/root.img"
mkfs.ext4 -q -F -L labboot -d "$work/boot" "$work/boot.img"
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
qemu-img convert -f raw -O qcow2 "$disk" "$out.tmp/disk.qcow2"
rm -rf "$work"
echo "done"
