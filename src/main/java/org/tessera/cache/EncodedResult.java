package org.tessera.cache;

/**
 * An encoded image as it is sent: a whole tile or a rendition (region, scaled, rotated...). Its
 * format is part of the {@link ResultKey}, so the bytes alone need no description.
 *
 * @param passThrough true when these are the stored bytes, never decoded
 */
public record EncodedResult(byte[] data, int width, int height, boolean passThrough) {
    public EncodedResult {
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("bad size " + width + "x" + height);
    }
}
