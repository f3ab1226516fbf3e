package org.tessera.service;

import java.util.Arrays;
import org.tessera.format.OutputFormat;

/**
 * An encoded response image: the first {@code length} bytes of {@code bytes}.
 *
 * @param passThrough true when the stored bitstream was sent without decoding
 * @param afterSent   run once the image has been sent or dropped: gives a lent array back to
 *                    its pool (nothing for an array of its own). The bytes must not be read after.
 */
public record RenderedImage(byte[] bytes, int length, OutputFormat format, int width, int height, boolean passThrough,
                            Runnable afterSent) {
    private static final Runnable NOTHING = () -> { };

    public RenderedImage {
        if (length < 0 || length > bytes.length) throw new IllegalArgumentException("length " + length + " of " + bytes.length);
    }

    /** An image that owns its array, which it fills. */
    public RenderedImage(byte[] data, OutputFormat format, int width, int height, boolean passThrough) {
        this(data, data.length, format, width, height, passThrough, NOTHING);
    }

    /** The image alone: the array itself when it is exactly that long, else a copy of its own. */
    public byte[] data() { return length == bytes.length ? bytes : Arrays.copyOf(bytes, length); }
}
