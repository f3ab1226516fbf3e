package org.tessera.codec;

import java.io.IOException;
import org.tessera.image.PixelImage;

/** Decodes a complete JPEG file into 8-bit pixels: 1 channel for greyscale JPEGs, 3 (RGB) otherwise. */
public interface JpegDecoder {
    PixelImage decode(byte[] jpeg, int offset, int length) throws IOException;

    default PixelImage decode(byte[] jpeg) throws IOException { return decode(jpeg, 0, jpeg.length); }

    /**
     * The JPEG at 1/{@code denominator} (1, 2, 4, 8) of its size, ceil(width / denominator) x
     * ceil(height / denominator). This default decodes in full and keeps every denominator-th
     * pixel; libjpeg-turbo scales in the DCT domain instead.
     */
    default PixelImage decodeScaled(byte[] jpeg, int denominator) throws IOException {
        PixelImage full = decode(jpeg);
        if (denominator == 1) return full;
        int w = (full.width() + denominator - 1) / denominator, h = (full.height() + denominator - 1) / denominator;
        int ch = full.channels();
        byte[] out = new byte[w * h * ch];
        for (int y = 0, o = 0; y < h; y++) {
            for (int x = 0; x < w; x++, o += ch) {
                System.arraycopy(full.pixels(), ((y * denominator) * full.width() + x * denominator) * ch, out, o, ch);
            }
        }
        return new PixelImage(w, h, ch, out);
    }

    /**
     * Whether {@link #decodeReduced} at {@code eighths}/8 costs less than a full decode. False
     * unless the decoder scales inside the inverse DCT, and then only for the factors it does fast.
     */
    default boolean reducesCheaply(int eighths) {
        return false;
    }

    /**
     * The JPEG at {@code eighths}/8 of its size (1..8), ceil(width x eighths / 8) x ceil(height x
     * eighths / 8), scaled while decoding. Only asked for factors {@link #reducesCheaply} accepts.
     */
    default PixelImage decodeReduced(byte[] jpeg, int eighths) throws IOException {
        if (eighths == 8) return decode(jpeg);
        throw new UnsupportedOperationException("this JPEG decoder does not scale while decoding");
    }
}
