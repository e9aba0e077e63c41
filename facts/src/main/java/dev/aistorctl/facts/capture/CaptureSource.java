package dev.aistorctl.facts.capture;

/**
 * A declared capture source: one bundle file ({@link Source}) or one file per device
 * ({@link SourceFamily}). Each says what it adds to the gather script, so the script is made from
 * the declarations in {@link Sources} and a source exists in exactly one place.
 */
public sealed interface CaptureSource permits Source, SourceFamily {

    /** Shell functions its gathering calls, defined before the stream starts; empty for most sources. */
    String functions();

    /** The script lines that gather it: one {@code run} of the frame per bundle file. */
    String runLines();

    /** Whether a bundle file of this name comes from this source. */
    boolean fills(String file);
}
