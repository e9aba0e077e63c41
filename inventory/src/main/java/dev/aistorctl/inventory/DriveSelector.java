package dev.aistorctl.inventory;

import dev.aistorctl.core.text.ByteSize;
import dev.aistorctl.core.text.Glob;
import java.util.List;
import java.util.Optional;

/**
 * Which drives of a host may become data drives. Every criterion left out accepts everything, so
 * an empty selector means "every eligible drive" (eligibility itself, unmounted, unpartitioned
 * and so on, is decided elsewhere). Model is a glob ({@code *}, {@code ?}) matched case-sensitively
 * against the model string the drive reports, with surrounding blanks ignored.
 */
public record DriveSelector(Transport transport, Optional<String> model, Optional<ByteSize> minSize,
                            Optional<ByteSize> maxSize, List<String> serials) {
    public static final DriveSelector ANY =
            new DriveSelector(Transport.ANY, Optional.empty(), Optional.empty(), Optional.empty(), List.of());

    public DriveSelector {
        serials = List.copyOf(serials);
    }

    public boolean acceptsModel(String reported) {
        if (model.isEmpty()) {
            return true;
        }
        if (reported == null) {
            return false;
        }
        return Glob.of(model.get()).matches(reported.strip());
    }

    public boolean acceptsSize(long bytes) {
        return minSize.map(min -> bytes >= min.bytes()).orElse(true) && maxSize.map(max -> bytes <= max.bytes()).orElse(true);
    }

    public boolean acceptsSerial(String serial) {
        return serials.isEmpty() || serial != null && serials.contains(serial.strip());
    }

    /** Whether a drive reporting these facts matches every criterion. */
    public boolean accepts(String transport, String model, long bytes, String serial) {
        return this.transport.accepts(transport) && acceptsModel(model) && acceptsSize(bytes) && acceptsSerial(serial);
    }
}
