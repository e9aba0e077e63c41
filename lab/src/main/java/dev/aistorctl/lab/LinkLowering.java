package dev.aistorctl.lab;

import dev.aistorctl.core.UsageException;

/**
 * One VM data drive whose PCIe link is made to train below the capability of the port it sits
 * behind, so that a hardware check has a real downgrade to find: {@code HOST:DRIVE}, e.g.
 * {@code lab-node2:3}.
 */
public record LinkLowering(String host, int drive) {
    public static LinkLowering parse(String text) {
        int colon = text == null ? -1 : text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new UsageException("--lower-link '" + text + "' must be HOST:DRIVE, e.g. lab-node2:3");
        }
        try {
            return new LinkLowering(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new UsageException("--lower-link '" + text + "': the drive must be a number (1 is the first data drive)");
        }
    }

    @Override
    public String toString() {
        return host + ":" + drive;
    }
}
