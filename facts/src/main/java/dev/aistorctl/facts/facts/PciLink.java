package dev.aistorctl.facts.facts;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A PCIe link's trained state against its capability. {@code downgraded} is true when the link
 * runs slower or narrower than it can; it is computed from the numbers (lspci only marks some
 * cases with "(downgraded)", sysfs never does), and null when either side is unknown.
 */
public record PciLink(
        @JsonProperty("speed_gts") Double speedGts,
        @JsonProperty("width") Integer width,
        @JsonProperty("max_speed_gts") Double maxSpeedGts,
        @JsonProperty("max_width") Integer maxWidth,
        @JsonProperty("downgraded") Boolean downgraded) {

    /** Builds a link and derives {@code downgraded} from the four numbers. */
    public static PciLink of(Double speedGts, Integer width, Double maxSpeedGts, Integer maxWidth) {
        return new PciLink(speedGts, width, maxSpeedGts, maxWidth, isBelow(speedGts, width, maxSpeedGts, maxWidth));
    }

    private static Boolean isBelow(Double speed, Integer width, Double maxSpeed, Integer maxWidth) {
        boolean speedKnown = speed != null && maxSpeed != null;
        boolean widthKnown = width != null && maxWidth != null;
        if (speedKnown && speed < maxSpeed - 1e-9) {
            return true;
        }
        if (widthKnown && width < maxWidth) {
            return true;
        }
        return speedKnown && widthKnown ? Boolean.FALSE : null;
    }
}
