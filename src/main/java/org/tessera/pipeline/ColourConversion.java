package org.tessera.pipeline;

import org.tessera.image.PixelImage;

/** Greyscale (Rec.601 luma, as iipsrv) and bitonal (Otsu) conversion of 8-bit images. */
public final class ColourConversion {
    private ColourConversion() {
    }

    /** 3 channels become 1, RGBA becomes grey+alpha; grey input is returned as it is. */
    public static PixelImage grey(PixelImage src) {
        int ch = src.channels();
        if (ch < 3) return src;
        int och = ch == 4 ? 2 : 1;
        int n = src.width() * src.height();
        byte[] in = src.pixels();
        byte[] out = new byte[n * och];
        for (int i = 0, s = 0, d = 0; i < n; i++, s += ch, d += och) {
            // 0.299 / 0.587 / 0.114 in 22-bit fixed point (iipsrv's constants), rounded
            out[d] = (byte) ((1254097 * (in[s] & 0xFF) + 2462056 * (in[s + 1] & 0xFF) + 478151 * (in[s + 2] & 0xFF)
                    + (1 << 21)) >> 22);
            if (och == 2) out[d + 1] = in[s + 3];
        }
        return new PixelImage(src.width(), src.height(), och, out);
    }

    /** Grey, then black (0) at or below the image's own Otsu threshold and white (255) above: 1 channel. */
    public static PixelImage bitonal(PixelImage src) {
        PixelImage g = grey(src);
        int gch = g.channels();
        int n = g.width() * g.height();
        byte[] in = g.pixels();
        int[] histogram = new int[256];
        for (int i = 0; i < n; i++) histogram[in[i * gch] & 0xFF]++;
        return bitonal(g, otsuThreshold(histogram));
    }

    /** Grey, then black (0) at or below {@code t} and white (255) above: 1 channel. */
    public static PixelImage bitonal(PixelImage src, int t) {
        PixelImage g = grey(src);
        int gch = g.channels();
        int n = g.width() * g.height();
        byte[] in = g.pixels();
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) out[i] = (byte) ((in[i * gch] & 0xFF) <= t ? 0 : 255);
        return new PixelImage(g.width(), g.height(), 1, out);
    }

    /**
     * The threshold t maximising the between-class variance of {v <= t} and {v > t} (first maximum).
     * A histogram holding a single value has no split; 127 is used, so dark stays black.
     */
    public static int otsuThreshold(int[] histogram) {
        long total = 0, sum = 0;
        for (int i = 0; i < 256; i++) {
            total += histogram[i];
            sum += (long) i * histogram[i];
        }
        if (total == 0) return 127;
        long wB = 0, sumB = 0;
        double best = -1;
        int threshold = 127;
        boolean split = false;
        for (int t = 0; t < 255; t++) {
            wB += histogram[t];
            if (wB == 0) continue;
            long wF = total - wB;
            if (wF == 0) break;
            sumB += (long) t * histogram[t];
            double mB = (double) sumB / wB, mF = (double) (sum - sumB) / wF;
            double between = (double) wB * wF * (mB - mF) * (mB - mF);
            if (between > best) {
                best = between;
                threshold = t;
                split = true;
            }
        }
        return split ? threshold : 127;
    }
}
