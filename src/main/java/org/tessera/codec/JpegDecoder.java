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
}
