package org.tessera.codec;

import java.io.IOException;
import org.tessera.image.PixelImage;

/** Decodes a complete JPEG file into 8-bit pixels: 1 channel for greyscale JPEGs, 3 (RGB) otherwise. */
public interface JpegDecoder {
    PixelImage decode(byte[] jpeg, int offset, int length) throws IOException;

    default PixelImage decode(byte[] jpeg) throws IOException { return decode(jpeg, 0, jpeg.length); }
}
