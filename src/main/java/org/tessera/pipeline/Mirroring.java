package org.tessera.pipeline;

import org.tessera.image.PixelImage;

/** Horizontal mirror (left and right swap). */
public final class Mirroring {
    private Mirroring() {
    }

    public static PixelImage horizontal(PixelImage src) {
        int w = src.width(), h = src.height(), ch = src.channels();
        byte[] in = src.pixels();
        byte[] out = new byte[in.length];
        for (int y = 0; y < h; y++) {
            int row = y * w * ch;
            for (int x = 0; x < w; x++) {
                int s = row + x * ch, d = row + (w - 1 - x) * ch;
                for (int c = 0; c < ch; c++) out[d + c] = in[s + c];
            }
        }
        return new PixelImage(w, h, ch, out);
    }
}
