package dev.aistorctl.storagenode.drives;

import dev.aistorctl.facts.FactsAssembler;
import dev.aistorctl.facts.capture.CaptureBundle;
import dev.aistorctl.facts.capture.CaptureEntry;
import dev.aistorctl.facts.capture.Source;
import dev.aistorctl.facts.capture.Sources;
import dev.aistorctl.facts.facts.BlockDevice;
import dev.aistorctl.facts.facts.NvmeDrive;
import dev.aistorctl.facts.facts.SystemDisk;
import dev.aistorctl.facts.parse.BlockSysfsParser.SysfsBlock;
import dev.aistorctl.facts.parse.FstabParser.FstabEntry;
import dev.aistorctl.facts.parse.MountInfoParser.Mount;
import dev.aistorctl.facts.parse.PartitionSignaturesParser;
import dev.aistorctl.facts.parse.PartitionSignaturesParser.PartitionProbe;
import dev.aistorctl.facts.parse.SignaturesParser.Probe;
import dev.aistorctl.facts.parse.SignaturesParser.Signature;
import dev.aistorctl.facts.parse.SwapsParser.SwapArea;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The top-level block devices of one host, each merged from every source of its capture that says
 * something about it. lsblk decides which devices exist; sysfs adds holders, flags and the PCI
 * address; mountinfo and /proc/swaps add mounts lsblk may attribute to another name ({@code /dev/root});
 * fstab adds what would be mounted at boot; the wipefs probe says what is on the disk, because
 * lsblk's FSTYPE comes from the udev database, which is stale after some tools and absent in
 * containers. {@link #notes()} names each source that was missing or unreadable.
 */
public record BlockDevices(List<Drive> drives, List<String> notes) {
    public BlockDevices {
        drives = List.copyOf(drives);
        notes = List.copyOf(notes);
    }

    /** True when lsblk was captured: without it there is no device list at all. */
    public boolean listed() {
        return notes.stream().noneMatch(n -> n.startsWith(Sources.LSBLK.file()));
    }

    public static BlockDevices from(CaptureBundle bundle) {
        return new Assembly(bundle).assemble();
    }

    private static final class Assembly {
        private final CaptureBundle bundle;
        private final List<String> notes = new ArrayList<>();
        private Map<String, SysfsBlock> sysfs;
        private Map<String, Probe> probes;
        private Map<String, PartitionProbe> partitionProbes;
        private Map<String, String> partitionsLeftOut;
        private List<SwapArea> swaps;
        private List<Mount> mountinfo;
        private List<FstabEntry> fstab;
        private Map<String, String> nvmePci = Map.of();

        Assembly(CaptureBundle bundle) {
            this.bundle = bundle;
        }

        BlockDevices assemble() {
            List<BlockDevice> lsblk = source(Sources.LSBLK).orElse(null);
            sysfs = source(Sources.BLOCK_SYSFS).map(list -> {
                Map<String, SysfsBlock> byName = new LinkedHashMap<>();
                list.forEach(b -> byName.put(b.name(), b));
                return byName;
            }).orElse(null);
            probes = source(Sources.SIGNATURES).orElse(null);
            // optional: captures from before the probe at partition offsets existed are read as they were
            partitionProbes = bundle.text(Sources.PARTITION_SIGNATURES.file()).isPresent()
                    ? source(Sources.PARTITION_SIGNATURES).orElse(null) : Map.of();
            // the disks the gather did not probe there, because wipefs found them not blank
            partitionsLeftOut = bundle.entry(Sources.PARTITION_SIGNATURES.file())
                    .map(e -> PartitionSignaturesParser.leftOut(e.leftOutLines())).orElse(Map.of());
            swaps = source(Sources.SWAPS).orElse(null);
            mountinfo = source(Sources.MOUNTS).orElse(null);
            fstab = source(Sources.FSTAB).orElse(null);
            if (sysfs == null) {
                // older captures: the NVMe list still ties namespaces to their controller's PCI address
                Map<String, String> pci = new LinkedHashMap<>();
                List<NvmeDrive> nvme = FactsAssembler.from(bundle).nvme();
                if (nvme != null) {
                    nvme.stream().filter(d -> d.device() != null && d.pciAddress() != null)
                            .forEach(d -> pci.put(d.device(), d.pciAddress()));
                }
                nvmePci = pci;
            }
            List<Drive> drives = new ArrayList<>();
            if (lsblk != null) {
                for (BlockDevice d : lsblk) {
                    drives.add(drive(d));
                }
            }
            return new BlockDevices(drives, notes);
        }

        private Drive drive(BlockDevice d) {
            String name = d.name();
            SysfsBlock own = sysfs == null ? null : sysfs.get(name);

            // every device whose use makes this one busy: partitions and holders, from both sources
            List<String> partitions = new ArrayList<>();
            Set<String> holders = new LinkedHashSet<>();
            List<MountRef> mounts = new ArrayList<>();
            Set<String> familyPaths = new LinkedHashSet<>();
            Set<String> familyUuids = new LinkedHashSet<>();
            Set<String> familyLabels = new LinkedHashSet<>();
            boolean lsblkSwap = false;
            familyPaths.add(d.path());
            addMounts(mounts, d);
            lsblkSwap |= d.mountpoints().contains(SystemDisk.LSBLK_SWAP);
            List<BlockDevice> below = new ArrayList<>();
            descendants(d, below);
            for (BlockDevice c : below) {
                if ("part".equals(c.type()) && d.children().contains(c)) {
                    partitions.add(c.name());
                } else {
                    holders.add(c.name());
                }
                familyPaths.add(c.path());
                if (c.fsUuid() != null) {
                    familyUuids.add(c.fsUuid());
                }
                if (c.label() != null) {
                    familyLabels.add(c.label());
                }
                addMounts(mounts, c);
                lsblkSwap |= c.mountpoints().contains(SystemDisk.LSBLK_SWAP);
            }
            Set<String> kernelFamily = new LinkedHashSet<>();
            if (sysfs != null) {
                kernelFamily.add(name);
                for (SysfsBlock b : sysfs.values()) {
                    if (name.equals(b.disk())) {
                        kernelFamily.add(b.name());
                        if (!partitions.contains(b.name())) {
                            partitions.add(b.name());
                        }
                    }
                }
                boolean lsblkHolders = !holders.isEmpty();
                for (String k : List.copyOf(kernelFamily)) {
                    sysfsHolders(k, kernelFamily, lsblkHolders ? new LinkedHashSet<>() : holders);
                }
                kernelFamily.forEach(k -> familyPaths.add("/dev/" + k));
            }
            Set<String> majorMinors = new LinkedHashSet<>();
            if (sysfs != null) {
                kernelFamily.stream().map(sysfs::get).filter(b -> b != null && b.majorMinor() != null)
                        .forEach(b -> majorMinors.add(b.majorMinor()));
            }
            if (mountinfo != null) {
                for (Mount m : mountinfo) {
                    boolean ours = majorMinors.contains(m.majorMinor()) || familyPaths.contains(m.source());
                    if (ours && mounts.stream().noneMatch(r -> r.mountPoint().equals(m.mountPoint()))) {
                        mounts.add(new MountRef(m.mountPoint(), m.source()));
                    }
                }
            }
            Boolean swap = lsblkSwap ? Boolean.TRUE : null;
            if (swaps != null) {
                boolean active = swaps.stream().anyMatch(s -> familyPaths.contains(s.path()));
                swap = lsblkSwap || active;
            }

            // what is on the disk: the probe when it ran, else lsblk's (udev's) word
            Probe probe = probes == null ? null : probes.get(name);
            List<Signature> signatures = probe == null ? List.of() : probe.signatures();
            String fstype = d.fstype();
            String label = d.label();
            String uuid = d.fsUuid();
            boolean probed = probe != null && probe.ok();
            String probeError = probe == null ? null : probe.error();
            if (probed) {
                Signature first = signatures.isEmpty() ? null : signatures.get(0);
                fstype = first == null ? null : first.type();
                label = first == null ? null : first.label();
                uuid = first == null ? null : first.uuid();
            }
            if (probed && signatures.isEmpty()) {
                // blank to the whole-device probe: what was left where partitions started decides
                PartitionProbe atPartitions = partitionProbes == null ? null : partitionProbes.get(name);
                if (partitionProbes == null) {
                    probed = false;
                    probeError = Sources.PARTITION_SIGNATURES.file() + " cannot be read";
                } else if (atPartitions == null && partitionsLeftOut.containsKey(name)) {
                    // the gather took the disk for not blank and did not look where partitions start: what is
                    // there stays unknown rather than taken for nothing
                    probed = false;
                    probeError = Sources.PARTITION_SIGNATURES.file() + " left it out (" + partitionsLeftOut.get(name) + ")";
                } else if (atPartitions != null && !atPartitions.ok()) {
                    probed = false;
                    probeError = atPartitions.error();
                } else if (atPartitions != null) {
                    signatures = atPartitions.found();
                    signatures.forEach(sig -> {
                        if (sig.uuid() != null) {
                            familyUuids.add(sig.uuid());
                        }
                        if (sig.label() != null) {
                            familyLabels.add(sig.label());
                        }
                    });
                }
            }
            if (probes != null) {
                for (String k : kernelFamily) {
                    Probe p = probes.get(k);
                    if (p != null) {
                        p.signatures().forEach(s -> {
                            if (s.uuid() != null) {
                                familyUuids.add(s.uuid());
                            }
                            if (s.label() != null) {
                                familyLabels.add(s.label());
                            }
                        });
                    }
                }
            }
            if (uuid != null) {
                familyUuids.add(uuid);
            }
            if (label != null) {
                familyLabels.add(label);
            }
            List<String> inFstab = new ArrayList<>();
            if (fstab != null) {
                for (FstabEntry e : fstab) {
                    if (names(e.spec(), familyPaths, familyUuids, familyLabels)) {
                        inFstab.add("swap".equals(e.vfsType()) ? "swap" : e.file());
                    }
                }
            }

            Boolean readOnly = either(d.readOnly(), own == null ? null : own.readOnly());
            Boolean removable = either(d.removable(), own == null ? null : own.removable());
            Long size = d.sizeBytes() != null ? d.sizeBytes() : own == null ? null : own.sizeBytes();
            String pci = own != null ? own.pciAddress() : nvmePci.get(d.path());
            Drive drive = new Drive(name, d.path(), DriveKind.of(d.type(), name), d.model() == null ? null : d.model().strip(),
                    d.serial() == null ? null : d.serial().strip(), d.wwn(), size, d.transport(), d.rotational(), readOnly,
                    removable, pci, own == null ? null : own.backingFile(), partitions, List.copyOf(holders), mounts, swap, inFstab, fstype, label, uuid, signatures,
                    probed, probeError, null);
            return drive.withFingerprint(DriveFingerprint.of(drive));
        }

        private void sysfsHolders(String name, Set<String> family, Set<String> into) {
            SysfsBlock b = sysfs.get(name);
            if (b == null) {
                return;
            }
            for (String h : b.holders()) {
                into.add(h);
                if (family.add(h)) {
                    sysfsHolders(h, family, into);
                }
            }
        }

        private static void descendants(BlockDevice d, List<BlockDevice> out) {
            for (BlockDevice c : d.children()) {
                if (!out.contains(c)) {
                    out.add(c);
                    descendants(c, out);
                }
            }
        }

        private static void addMounts(List<MountRef> mounts, BlockDevice d) {
            for (String m : d.mountpoints()) {
                if (!SystemDisk.LSBLK_SWAP.equals(m) && mounts.stream().noneMatch(r -> r.mountPoint().equals(m))) {
                    mounts.add(new MountRef(m, d.path()));
                }
            }
        }

        /** Whether an fstab spec (a path, UUID=, LABEL= or a /dev/disk/by-* link) names a device of the family. */
        private static boolean names(String spec, Set<String> paths, Set<String> uuids, Set<String> labels) {
            if (spec.startsWith("UUID=")) {
                return uuids.stream().anyMatch(u -> u.equalsIgnoreCase(unquote(spec.substring(5))));
            }
            if (spec.startsWith("LABEL=")) {
                return labels.contains(unquote(spec.substring(6)));
            }
            if (spec.startsWith("/dev/disk/by-uuid/")) {
                return uuids.stream().anyMatch(u -> u.equalsIgnoreCase(spec.substring(18)));
            }
            if (spec.startsWith("/dev/disk/by-label/")) {
                return labels.contains(spec.substring(19));
            }
            return paths.contains(spec);
        }

        private static String unquote(String s) {
            return s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))
                    ? s.substring(1, s.length() - 1) : s;
        }

        private static Boolean either(Boolean a, Boolean b) {
            if (Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b)) {
                return Boolean.TRUE;
            }
            return a != null ? a : b;
        }

        /**
         * A source's parsed content, or empty with a note: absent, failed without output, or unreadable.
         * A failed source's partial output is not trusted here: half a device list is worse than none.
         */
        private <T> Optional<T> source(Source<T> source) {
            String file = source.file();
            Optional<String> text = bundle.text(file);
            CaptureEntry entry = bundle.entry(file).orElse(null);
            if (text.isEmpty()) {
                notes.add(file + " not captured");
                return Optional.empty();
            }
            if (entry != null && entry.failed()) {
                String err = bundle.stderr(file).map(s -> s.strip().lines().findFirst().orElse("")).orElse("");
                notes.add(file + " failed (exit " + entry.exitCode() + (err.isEmpty() ? "" : ": " + err) + ")");
                return Optional.empty();
            }
            try {
                return Optional.ofNullable(source.parse(text.get()));
            } catch (RuntimeException e) {
                notes.add(file + " cannot be read: " + e.getMessage());
                return Optional.empty();
            }
        }
    }
}
