package org.tessera.codec;

import java.io.IOException;
import org.tessera.image.PixelImage;
import org.tessera.format.OutputFormat;

/**
 * Encodes 8-bit pixels. {@code quality} is the format's own scale (JPEG 1..100, PNG zlib level
 * 0..9, WebP 0..100 or -1 lossless); implementations clamp out-of-range values.
 */
public interface ImageEncoder {
    OutputFormat format();

    byte[] encode(PixelImage image, int quality) throws IOException;
}
