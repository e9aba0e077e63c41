package dev.aistorctl.workflows.inventory.init;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

import dev.aistorctl.core.text.ByteSize;
import dev.aistorctl.inventory.Transport;

/**
 * One kind of data drive: the bus and the model it reports, and the sizes the drives of that kind have.
 * Drives of one kind are what a pool's drive rule selects together ({@code transport}, {@code model},
 * {@code min_size} from the smallest).
 *
 * @param transport    as lsblk reports it, or null (loop devices report none)
 * @param model        as the drive reports it, blanks stripped, or null
 * @param sizeBytes    the smallest drive's size
 * @param largestBytes the largest drive's size; equal to {@code sizeBytes} when all are alike
 */
public record DataDriveKind(String transport, String model, long sizeBytes, long largestBytes) {

    /** The transport a rule selects these drives by: the reported bus when the inventory knows it, else {@code any}. */
    public Transport selectTransport() {
        for (Transport t : Transport.values()) {
            if (t != Transport.ANY && t.accepts(transport)) {
                return t;
            }
        }
        return Transport.ANY;
    }

    /**
     * The {@code min_size} that takes these drives: their size cut down to three significant digits in
     * decimal units ({@code 15.3TB} for a 15.36 TB drive), so the rule still takes a replacement drive
     * that reports a few megabytes less, and never more than the drive has.
     */
    public String minSize() {
        ByteSize.Scaled scaled = ByteSize.decimalScaled(sizeBytes);
        BigDecimal cut = scaled.value().round(new MathContext(3, RoundingMode.DOWN)).stripTrailingZeros();
        return cut.toPlainString() + scaled.unit();
    }

    /** The bytes {@link #minSize()} stands for. */
    public long minSizeBytes() {
        return ByteSize.parse(minSize()).bytes();
    }

    /** Whether the drives differ in size: MinIO then counts every drive of a set as its smallest. */
    public boolean mixedSizes() {
        return largestBytes != sizeBytes;
    }

    /** {@code nvme "Micron_7500_MTFDKCC15T3TGP" 15.36 TB}, as a comment names the kind. */
    public String describe() {
        return (transport == null ? "no transport" : transport.toLowerCase(Locale.ROOT))
                + (model == null ? "" : " \"" + model + "\"") + " " + ByteSize.decimal(sizeBytes)
                + (largestBytes == sizeBytes ? "" : " to " + ByteSize.decimal(largestBytes));
    }
}
