package org.tessera.codec;

import java.io.IOException;
import org.tessera.image.PixelImage;

/** Decodes a complete JPEG file into 8-bit pixels: 1 channel for greyscale JPEGs, 3 (RGB) otherwise. */
public interface JpegDecoder {
    PixelImage decode(byte[] jpeg, int offset, int length) throws IOException;

    default PixelImage decode(byte[] jpeg) throws IOException { return decode(jpeg, 0, jpeg.length); }

    /** Whether {@link #decodeScaled} reduces while decoding (libjpeg-turbo's DCT scaling). */
    default boolean decodesScaled() { return false; }

    /**
     * Decodes at {@code eighths}/8 of the coded size (1..8), each side rounded up: the inverse
     * DCT runs at the reduced size, so reading a region for a smaller output costs a fraction of
     * a full decode. Decoders that cannot scale decode at full size ({@link #decodesScaled} false).
     */
    default PixelImage decodeScaled(byte[] jpeg, int offset, int length, int eighths) throws IOException {
        return decode(jpeg, offset, length);
    }
}
