package org.tessera.pipeline;

import org.tessera.image.PixelImage;

/**
 * Resizes 8-bit interleaved images with integer arithmetic over the raw byte arrays.
 *
 * <p>Nearest neighbour and bilinear follow INTERPOLATION. Bilinear only looks at 2x2 source
 * pixels, which aliases once the reduction passes 2x (moire on thumbnails), so for reductions
 * beyond 2x in both axes bilinear mode switches to area averaging: every output pixel is the
 * mean of the source area it covers, partial pixels weighted by their covered fraction.
 */
public final class Resampler {
    private static final int SHIFT = 14;            // fixed-point precision of the weights
    private static final int ONE = 1 << SHIFT;

    private Resampler() {
    }

    public static PixelImage resize(PixelImage src, int width, int height, Interpolation interpolation) {
        if (src.width() == width && src.height() == height) return src;
        if (interpolation == Interpolation.NEAREST) return nearest(src, width, height);
        boolean largeReduction = src.width() >= 2 * width && src.height() >= 2 * height
                && (src.width() > 2 * width || src.height() > 2 * height);
        return largeReduction ? areaAverage(src, width, height) : bilinear(src, width, height);
    }

    public static PixelImage nearest(PixelImage src, int width, int height) {
        int ch = src.channels(), sw = src.width(), sh = src.height();
        int[] xOffset = new int[width];
        for (int x = 0; x < width; x++) {
            xOffset[x] = (int) Math.min(sw - 1, ((2L * x + 1) * sw) / (2L * width)) * ch;
        }
        byte[] in = src.pixels();
        byte[] out = new byte[width * height * ch];
        int o = 0;
        for (int y = 0; y < height; y++) {
            int sy = (int) Math.min(sh - 1, ((2L * y + 1) * sh) / (2L * height));
            int rowBase = sy * sw * ch;
            if (ch == 3) {
                for (int x = 0; x < width; x++) {
                    int i = rowBase + xOffset[x];
                    out[o] = in[i];
                    out[o + 1] = in[i + 1];
                    out[o + 2] = in[i + 2];
                    o += 3;
                }
            } else {
                for (int x = 0; x < width; x++) {
                    int i = rowBase + xOffset[x];
                    for (int c = 0; c < ch; c++) out[o++] = in[i + c];
                }
            }
        }
        return new PixelImage(width, height, ch, out);
    }

    /**
     * Pixel-centre aligned bilinear interpolation, edges clamped. Separable, vertical first: the
     * two source rows are blended in a plain loop the JIT vectorises, then the single blended row
     * is interpolated horizontally, so the gather-style indexing runs once per output sample.
     */
    public static PixelImage bilinear(PixelImage src, int width, int height) {
        int ch = src.channels(), sw = src.width(), sh = src.height();
        int[] x0 = new int[width], x1 = new int[width], fx = new int[width];
        axis(sw, width, x0, x1, fx);
        int[] y0 = new int[height], y1 = new int[height], fy = new int[height];
        axis(sh, height, y0, y1, fy);
        for (int x = 0; x < width; x++) {
            x0[x] *= ch;
            x1[x] *= ch;
            fx[x] >>= SHIFT - 8;   // 8-bit weights: products stay inside an int
        }
        byte[] in = src.pixels();
        int srcRow = sw * ch, rowLen = width * ch;
        byte[] out = new byte[rowLen * height];
        int[] blended = new int[srcRow];
        for (int y = 0; y < height; y++) {
            int a = y0[y] * srcRow, b = y1[y] * srcRow;
            int wy = fy[y] >> (SHIFT - 8), wy0 = 256 - wy;
            for (int i = 0; i < srcRow; i++) blended[i] = (in[a + i] & 0xFF) * wy0 + (in[b + i] & 0xFF) * wy;
            horizontal(blended, ch, width, x0, x1, fx, out, y * rowLen);
        }
        return new PixelImage(width, height, ch, out);
    }

    /** One vertically blended row (values scaled by 256) interpolated to the output width. */
    private static void horizontal(int[] row, int ch, int width, int[] x0, int[] x1, int[] fx, byte[] out, int o) {
        final int half = 1 << 15;
        if (ch == 3) {
            for (int x = 0; x < width; x++, o += 3) {
                int wx = fx[x], wx0 = 256 - wx;
                int a = x0[x], b = x1[x];
                out[o] = (byte) ((row[a] * wx0 + row[b] * wx + half) >> 16);
                out[o + 1] = (byte) ((row[a + 1] * wx0 + row[b + 1] * wx + half) >> 16);
                out[o + 2] = (byte) ((row[a + 2] * wx0 + row[b + 2] * wx + half) >> 16);
            }
        } else {
            for (int x = 0; x < width; x++) {
                int wx = fx[x], wx0 = 256 - wx;
                int a = x0[x], b = x1[x];
                for (int k = 0; k < ch; k++) out[o++] = (byte) ((row[a + k] * wx0 + row[b + k] * wx + half) >> 16);
            }
        }
    }

    /** For each output index: the two source indices around its centre and the weight of the second. */
    private static void axis(int srcSize, int dstSize, int[] i0, int[] i1, int[] frac) {
        for (int d = 0; d < dstSize; d++) {
            // source coordinate of the output pixel centre, in 1/2^SHIFT pixel units
            long pos = ((2L * d + 1) * srcSize * ONE) / (2L * dstSize) - ONE / 2;
            if (pos < 0) pos = 0;
            int base = (int) (pos >> SHIFT);
            if (base >= srcSize - 1) {
                i0[d] = srcSize - 1;
                i1[d] = srcSize - 1;
                frac[d] = 0;
            } else {
                i0[d] = base;
                i1[d] = base + 1;
                frac[d] = (int) (pos & (ONE - 1));
            }
        }
    }

    /**
     * Box filter with exact fractional coverage, separable and vertical first: the source rows
     * under one output row are summed with their weights in a plain (vectorisable) loop, then
     * that one row is reduced horizontally.
     */
    public static PixelImage areaAverage(PixelImage src, int width, int height) {
        int ch = src.channels(), sw = src.width(), sh = src.height();
        Weights wx = Weights.of(sw, width);
        Weights wy = Weights.of(sh, height);
        byte[] in = src.pixels();
        int srcRow = sw * ch, rowLen = width * ch;
        byte[] out = new byte[rowLen * height];
        int[] acc = new int[srcRow];            // <= 255 * ONE: fits an int
        long round = 1L << (2 * SHIFT - 1);
        for (int y = 0; y < height; y++) {
            java.util.Arrays.fill(acc, 0);
            int start = wy.start[y], n = wy.count[y], wBase = wy.offset[y];
            for (int j = 0; j < n; j++) {
                int w = wy.weight[wBase + j];
                int r = (start + j) * srcRow;
                for (int i = 0; i < srcRow; i++) acc[i] += (in[r + i] & 0xFF) * w;
            }
            int o = y * rowLen;
            if (ch == 3) {
                // drop 6 bits first so three running sums stay in ints: <= (255 << 8) * ONE
                for (int i = 0; i < srcRow; i++) acc[i] >>= 6;
                for (int x = 0; x < width; x++) {
                    int p = wx.start[x] * 3, taps = wx.count[x], xBase = wx.offset[x];
                    int r = 0, g = 0, b = 0;
                    for (int j = 0; j < taps; j++, p += 3) {
                        int w = wx.weight[xBase + j];
                        r += acc[p] * w;
                        g += acc[p + 1] * w;
                        b += acc[p + 2] * w;
                    }
                    out[o++] = (byte) ((r + (1 << 21)) >>> 22);
                    out[o++] = (byte) ((g + (1 << 21)) >>> 22);
                    out[o++] = (byte) ((b + (1 << 21)) >>> 22);
                }
                continue;
            }
            for (int x = 0; x < width; x++) {
                int first = wx.start[x] * ch, taps = wx.count[x], xBase = wx.offset[x];
                for (int c = 0; c < ch; c++) {
                    long sum = 0;
                    for (int j = 0, p = first + c; j < taps; j++, p += ch) sum += (long) acc[p] * wx.weight[xBase + j];
                    long v = (sum + round) >> (2 * SHIFT);
                    out[o++] = (byte) (v > 255 ? 255 : v);
                }
            }
        }
        return new PixelImage(width, height, ch, out);
    }

    /** Per output index: first source index, how many source pixels, and their weights summing to ONE. */
    private record Weights(int[] start, int[] count, int[] offset, int[] weight) {
        static Weights of(int srcSize, int dstSize) {
            int[] start = new int[dstSize], count = new int[dstSize], offset = new int[dstSize];
            int maxPer = srcSize / dstSize + 2;
            int[] weight = new int[dstSize * maxPer];
            int wi = 0;
            for (int d = 0; d < dstSize; d++) {
                // covered source interval [lo, hi) in units of 1/dstSize source pixels
                long lo = (long) d * srcSize, hi = (long) (d + 1) * srcSize;
                int s = (int) (lo / dstSize);
                int e = (int) ((hi + dstSize - 1) / dstSize);
                start[d] = s;
                count[d] = e - s;
                offset[d] = wi;
                int sum = 0;
                for (int i = s; i < e; i++) {
                    long a = Math.max(lo, (long) i * dstSize), b = Math.min(hi, (long) (i + 1) * dstSize);
                    int w = (int) (((b - a) * ONE) / srcSize);
                    weight[wi + (i - s)] = w;
                    sum += w;
                }
                // give the rounding remainder to the largest contributor so weights sum to exactly ONE
                weight[wi + (e - s) / 2] += ONE - sum;
                wi += e - s;
            }
            return new Weights(start, count, offset, weight);
        }
    }
}
