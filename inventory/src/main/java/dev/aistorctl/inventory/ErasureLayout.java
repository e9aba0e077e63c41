package dev.aistorctl.inventory;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * How MinIO splits one server pool into erasure sets, worked out before any server is touched so
 * that a pool MinIO would refuse to start is refused here, with the drive counts that would work.
 *
 * <p>The choice follows MinIO's {@code getSetIndexes} in {@code cmd/endpoint-ellipses.go}:
 * <ol>
 *   <li>the candidate set sizes are those of 2..16 that divide the pool's total drive count;</li>
 *   <li>{@code possibleSetCountsWithSymmetry} keeps a size {@code s} only if it is symmetric with
 *       the host range of the pool's endpoint pattern (MinIO checks the first ellipsis of the
 *       argument, which in {@code http://node{1...8}/mnt/drive{1...8}} is the hosts): when the
 *       host count {@code h > s}, {@code h % s == 0}, otherwise {@code s % h == 0};</li>
 *   <li>{@code commonSetDriveCount} takes the size giving the fewest sets, the largest.</li>
 * </ol>
 * A pool of one host with one drive runs in single-drive mode (set size 1, no parity).
 * Default parity is MinIO's {@code ecDrivesNoConfig} (storage class STANDARD with no config):
 * 0 for 1 drive, 1 for 2-3, 2 for 4-5, 3 for 6-7, 4 from 8 up.
 */
public record ErasureLayout(int hosts, int drivesPerHost, int setSize, int setCount, int parity) {
    public static final int MIN_SET_SIZE = 2;
    public static final int MAX_SET_SIZE = 16;

    /**
     * The layout MinIO would choose.
     *
     * @throws ImpossibleErasureLayoutException saying why, with drive or host counts that would work
     */
    public static ErasureLayout choose(int hosts, int drivesPerHost) {
        return tryChoose(hosts, drivesPerHost).orElseThrow(() -> impossible(hosts, drivesPerHost));
    }

    public static Optional<ErasureLayout> tryChoose(int hosts, int drivesPerHost) {
        if (hosts < 1 || drivesPerHost < 1) {
            throw new IllegalArgumentException("hosts and drives per host must be at least 1");
        }
        long total = (long) hosts * drivesPerHost;
        if (total == 1) {
            return Optional.of(new ErasureLayout(1, 1, 1, 1, 0));
        }
        for (int size = MAX_SET_SIZE; size >= MIN_SET_SIZE; size--) {
            if (total % size == 0 && symmetric(size, hosts)) {
                return Optional.of(new ErasureLayout(hosts, drivesPerHost, size, (int) (total / size), defaultParity(size)));
            }
        }
        return Optional.empty();
    }

    /** MinIO's {@code ecDrivesNoConfig}: the parity of the STANDARD storage class when none is configured. */
    public static int defaultParity(int setSize) {
        if (setSize <= 1) {
            return 0;
        }
        if (setSize <= 3) {
            return 1;
        }
        if (setSize <= 5) {
            return 2;
        }
        if (setSize <= 7) {
            return 3;
        }
        return 4;
    }

    /** Drive counts per host, up to {@code upTo}, with which {@code hosts} hosts make a valid pool. */
    public static List<Integer> workingDrivesPerHost(int hosts, int upTo) {
        List<Integer> out = new ArrayList<>();
        for (int d = 1; d <= upTo; d++) {
            if (tryChoose(hosts, d).isPresent()) {
                out.add(d);
            }
        }
        return out;
    }

    private static boolean symmetric(int setSize, int hosts) {
        return hosts > setSize ? hosts % setSize == 0 : setSize % hosts == 0;
    }

    private static ImpossibleErasureLayoutException impossible(int hosts, int drivesPerHost) {
        long total = (long) hosts * drivesPerHost;
        String why = noDivisor(total)
                ? total + " drives cannot be divided into equal erasure sets of " + MIN_SET_SIZE + " to " + MAX_SET_SIZE + " drives"
                : total + " drives cannot be divided into equal erasure sets of " + MIN_SET_SIZE + " to " + MAX_SET_SIZE
                        + " drives that are symmetric across " + plural(hosts, "host");
        List<Integer> drives = new ArrayList<>(workingDrivesPerHost(hosts, Math.max(32, 2 * drivesPerHost)));
        String hint;
        if (!drives.isEmpty()) {
            // The counts nearest the one asked for are the ones worth buying or leaving empty.
            drives.sort(Comparator.comparingInt((Integer d) -> Math.abs(d - drivesPerHost)).thenComparingInt(d -> d));
            List<Integer> nearest = new ArrayList<>(drives.subList(0, Math.min(6, drives.size())));
            nearest.sort(Comparator.naturalOrder());
            hint = "drive counts per host that work with " + plural(hosts, "host") + ": " + join(nearest);
        } else {
            hint = "no drive count per host works with " + plural(hosts, "host") + " (no set size of " + MIN_SET_SIZE + ".." + MAX_SET_SIZE
                    + " divides or is a multiple of " + hosts + ")" + nearestHosts(hosts, drivesPerHost);
        }
        return new ImpossibleErasureLayoutException(plural(hosts, "host") + " x " + plural(drivesPerHost, "drive") + ": " + why, hint);
    }

    private static boolean noDivisor(long total) {
        for (int s = MIN_SET_SIZE; s <= MAX_SET_SIZE; s++) {
            if (total % s == 0) {
                return false;
            }
        }
        return true;
    }

    private static String nearestHosts(int hosts, int drivesPerHost) {
        Integer below = null;
        for (int h = hosts - 1; h >= 1 && below == null; h--) {
            if (tryChoose(h, drivesPerHost).isPresent()) {
                below = h;
            }
        }
        Integer above = null;
        for (int h = hosts + 1; h <= hosts + 64 && above == null; h++) {
            if (tryChoose(h, drivesPerHost).isPresent()) {
                above = h;
            }
        }
        List<Integer> options = new ArrayList<>();
        if (below != null) {
            options.add(below);
        }
        if (above != null) {
            options.add(above);
        }
        return options.isEmpty() ? "" : "; with " + plural(drivesPerHost, "drive") + " per host, " + join(options).replace(", ", " or ") + " hosts would";
    }

    private static String plural(int n, String word) {
        return n + " " + (n == 1 ? word : word + "s");
    }

    private static String join(List<Integer> numbers) {
        return String.join(", ", numbers.stream().map(String::valueOf).toList());
    }

    public int totalDrives() {
        return hosts * drivesPerHost;
    }

    public int dataDrives() {
        return setSize - parity;
    }

    /** Share of raw capacity left for data: data drives over set size. */
    public double usableFraction() {
        return (double) dataDrives() / setSize;
    }

    /** Usable bytes of the pool when every drive holds {@code driveBytes}. */
    public long usableBytes(long driveBytes) {
        return BigInteger.valueOf(driveBytes).multiply(BigInteger.valueOf(totalDrives())).multiply(BigInteger.valueOf(dataDrives()))
                .divide(BigInteger.valueOf(setSize)).longValueExact();
    }

    public long rawBytes(long driveBytes) {
        return Math.multiplyExact(driveBytes, (long) totalDrives());
    }

    /** The storage class as MinIO writes it, e.g. {@code EC:4}. */
    public String storageClass() {
        return "EC:" + parity;
    }

    public boolean singleDrive() {
        return setSize == 1;
    }

    @Override
    public String toString() {
        return singleDrive() ? "single drive, no erasure coding"
                : setCount + (setCount == 1 ? " set" : " sets") + " of " + setSize + " drives, " + storageClass();
    }
}
