package dev.aistorctl.storagenode.drives;

import java.util.Comparator;

/**
 * The order drives take their slots in: by PCI address (the physical slot, so drive1 is the same
 * bay on every identical server), then serial, then device path with numbers compared as numbers
 * (loop9 before loop10) for devices that have neither. Unknown values sort last.
 */
final class DriveOrder {
    static final Comparator<Drive> ORDER = Comparator
            .comparing(Drive::pciAddress, Comparator.nullsLast(Comparator.<String>naturalOrder()))
            .thenComparing(Drive::serial, Comparator.nullsLast(Comparator.<String>naturalOrder()))
            .thenComparing(Drive::path, Comparator.nullsLast(DriveOrder::natural));

    private DriveOrder() {
    }

    static int natural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                int c = new java.math.BigInteger(a.substring(si, i)).compareTo(new java.math.BigInteger(b.substring(sj, j)));
                if (c != 0) {
                    return c;
                }
            } else {
                if (x != y) {
                    return Character.compare(x, y);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
