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

    /** Pixel-centre aligned bilinear interpolation, edges clamped. */
    public static PixelImage bilinear(PixelImage src, int width, int height) {
        int ch = src.channels(), sw = src.width(), sh = src.height();
        int[] x0 = new int[width], x1 = new int[width], fx = new int[width];
        axis(sw, width, x0, x1, fx);
        int[] y0 = new int[height], y1 = new int[height], fy = new int[height];
        axis(sh, height, y0, y1, fy);
        for (int x = 0; x < width; x++) {
            x0[x] *= ch;
            x1[x] *= ch;
        }
        byte[] in = src.pixels();
        byte[] out = new byte[width * height * ch];
        int stride = sw * ch;
        int o = 0;
        final int half = 1 << (2 * 8 - 1);
        for (int y = 0; y < height; y++) {
            int r0 = y0[y] * stride, r1 = y1[y] * stride;
            int wy = fy[y] >> (SHIFT - 8), wy0 = 256 - wy;
            for (int x = 0; x < width; x++) {
                int wx = fx[x] >> (SHIFT - 8), wx0 = 256 - wx;
                int a = r0 + x0[x], b = r0 + x1[x], c = r1 + x0[x], d = r1 + x1[x];
                for (int k = 0; k < ch; k++) {
                    int top = (in[a + k] & 0xFF) * wx0 + (in[b + k] & 0xFF) * wx;
                    int bottom = (in[c + k] & 0xFF) * wx0 + (in[d + k] & 0xFF) * wx;
                    out[o++] = (byte) ((top * wy0 + bottom * wy + half) >> 16);
                }
            }
        }
        return new PixelImage(width, height, ch, out);
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

    /** Box filter with exact fractional coverage, separable: rows first into an int buffer, then columns. */
    public static PixelImage areaAverage(PixelImage src, int width, int height) {
        int ch = src.channels(), sw = src.width(), sh = src.height();
        Weights wx = Weights.of(sw, width);
        Weights wy = Weights.of(sh, height);
        byte[] in = src.pixels();
        // horizontal pass: sh rows of width samples, each scaled by ONE
        int[] mid = new int[sh * width * ch];
        int m = 0;
        for (int y = 0; y < sh; y++) {
            int row = y * sw * ch;
            for (int x = 0; x < width; x++) {
                int start = wx.start[x], n = wx.count[x], wBase = wx.offset[x];
                for (int c = 0; c < ch; c++) {
                    long acc = 0;
                    int p = row + start * ch + c;
                    for (int j = 0; j < n; j++, p += ch) acc += (long) (in[p] & 0xFF) * wx.weight[wBase + j];
                    mid[m++] = (int) acc; // <= 255 * ONE, fits
                }
            }
        }
        byte[] out = new byte[width * height * ch];
        int rowLen = width * ch;
        long[] acc = new long[rowLen];
        long round = 1L << (2 * SHIFT - 1);
        for (int y = 0; y < height; y++) {
            java.util.Arrays.fill(acc, 0);
            int start = wy.start[y], n = wy.count[y], wBase = wy.offset[y];
            for (int j = 0; j < n; j++) {
                int w = wy.weight[wBase + j];
                int r = (start + j) * rowLen;
                for (int i = 0; i < rowLen; i++) acc[i] += (long) mid[r + i] * w;
            }
            int o = y * rowLen;
            for (int i = 0; i < rowLen; i++) {
                long v = (acc[i] + round) >> (2 * SHIFT);
                out[o + i] = (byte) (v > 255 ? 255 : v);
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
