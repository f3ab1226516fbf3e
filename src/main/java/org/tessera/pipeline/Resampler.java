package org.tessera.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.tessera.codec.BandedDownscale;
import org.tessera.codec.NativeScaling;
import org.tessera.image.PixelImage;

/**
 * Resizes 8-bit interleaved images with integer arithmetic over the raw byte arrays.
 *
 * <p>Nearest neighbour and bilinear follow INTERPOLATION. Bilinear only looks at 2x2 source
 * pixels, which aliases once the reduction passes 2x (moire on thumbnails), so for reductions
 * beyond 2x in both axes bilinear mode switches to area averaging: every output pixel is the
 * mean of the source area it covers, partial pixels weighted by their covered fraction.
 *
 * <p>The source is read row by row, top to bottom ({@link Rows}), so it may be decoded while it
 * is being scaled, and what is scaled is a {@link SourceWindow} of it: a region decoded at a
 * reduced size starts and ends between pixels. Filters never read beyond the pixels the window
 * touches (a region is scaled as if it had been cut out first), and the sliver a window may
 * reach past the image's edge repeats the edge pixels.
 */
public final class Resampler {
    private static final int SHIFT = 14;            // fixed-point precision of the weights
    private static final int ONE = 1 << SHIFT;

    private Resampler() {
    }

    public static PixelImage resize(PixelImage src, int width, int height, Interpolation interpolation) {
        return resize(src, width, height, interpolation, Optional.empty());
    }

    /** {@code src} resized, a bilinear reduction by {@code scaling} when given. */
    public static PixelImage resize(PixelImage src, int width, int height, Interpolation interpolation,
                                    Optional<NativeScaling> scaling) {
        if (src.width() == width && src.height() == height) return src;
        try {
            return resize(Rows.of(src), SourceWindow.whole(src.width(), src.height()), width, height, interpolation, scaling);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // an image in memory is never read from a file
        }
    }

    /** {@code window} of {@code src} resized to {@code width x height}. */
    public static PixelImage resize(Rows src, SourceWindow window, int width, int height, Interpolation interpolation)
            throws IOException {
        return resize(src, window, width, height, interpolation, Optional.empty());
    }

    /**
     * As above; a bilinear reduction is done by {@code scaling} when given (the same filter,
     * several times faster; its weights have 7 bits, so a pixel may differ by a level).
     */
    public static PixelImage resize(Rows src, SourceWindow window, int width, int height, Interpolation interpolation,
                                    Optional<NativeScaling> scaling) throws IOException {
        if (interpolation == Interpolation.NEAREST) return nearest(src, window, width, height);
        long w2 = 2L * width * window.unit(), h2 = 2L * height * window.unit();
        boolean largeReduction = window.width() >= w2 && window.height() >= h2 && (window.width() > w2 || window.height() > h2);
        if (largeReduction) return areaAverage(src, window, width, height);
        if (scaling.isPresent() && BandedDownscale.supports(src.width(), src.height(), src.channels(), window.width(),
                window.height(), window.unit(), width, height)) {
            return bilinear(src, window, width, height, scaling.get());
        }
        return bilinear(src, window, width, height);
    }

    /** The bilinear reduction in native code, a band of output rows at a time as the source is read. */
    static PixelImage bilinear(Rows src, SourceWindow window, int width, int height, NativeScaling scaling) throws IOException {
        int ch = src.channels();
        BandedDownscale.Source rows = (y0, y1, sink) -> src.blocks(y0, y1, sink::block);
        byte[] out = new byte[width * height * ch];
        try (BandedDownscale reduction = scaling.downscale(src.width(), src.height(), ch, window.x(), window.y(),
                window.width(), window.height(), window.unit(), width, height)) {
            for (int r0 = 0; r0 < height; r0 += reduction.bandRows()) {
                int r1 = Math.min(height, r0 + reduction.bandRows());
                reduction.scale(r0, r1, rows, out, r0 * width * ch);
            }
        }
        return new PixelImage(width, height, ch, out);
    }

    public static PixelImage nearest(PixelImage src, int width, int height) {
        return inMemory(src, (rows, window) -> nearest(rows, window, width, height));
    }

    public static PixelImage bilinear(PixelImage src, int width, int height) {
        return inMemory(src, (rows, window) -> bilinear(rows, window, width, height));
    }

    public static PixelImage areaAverage(PixelImage src, int width, int height) {
        return inMemory(src, (rows, window) -> areaAverage(rows, window, width, height));
    }

    @FunctionalInterface
    private interface Filter {
        PixelImage apply(Rows rows, SourceWindow window) throws IOException;
    }

    private static PixelImage inMemory(PixelImage src, Filter filter) {
        try {
            return filter.apply(Rows.of(src), SourceWindow.whole(src.width(), src.height()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PixelImage nearest(Rows src, SourceWindow window, int width, int height) throws IOException {
        int ch = src.channels();
        int[] xOffset = new int[width];
        int[] columns = nearestAxis(window.x(), window.width(), window.unit(), width, window.firstColumn(),
                window.lastColumn(src.width()));
        for (int x = 0; x < width; x++) xOffset[x] = columns[x] * ch;
        int[] rows = nearestAxis(window.y(), window.height(), window.unit(), height, window.firstRow(),
                window.lastRow(src.height()));
        byte[] out = new byte[width * height * ch];
        int o = 0;
        for (int y = 0; y < height; y++) {
            byte[] in = src.array(rows[y]);
            int rowBase = src.offset(rows[y]);
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

    /** For each output index, the source index under its centre, within [first, last]. */
    private static int[] nearestAxis(long start, long length, int unit, int dstSize, int first, int last) {
        int[] index = new int[dstSize];
        for (int d = 0; d < dstSize; d++) {
            // the centre start + (d + 1/2) * length / dstSize, in whole source pixels
            long i = (2L * dstSize * start + (2L * d + 1) * length) / (2L * dstSize * unit);
            index[d] = (int) Math.max(first, Math.min(last, i));
        }
        return index;
    }

    /**
     * Pixel-centre aligned bilinear interpolation, edges clamped. Separable, vertical first: the
     * two source rows are blended in a plain loop the JIT vectorises, then the single blended row
     * is interpolated horizontally, so the gather-style indexing runs once per output sample.
     */
    static PixelImage bilinear(Rows src, SourceWindow window, int width, int height) throws IOException {
        int ch = src.channels(), sw = src.width();
        int[] x0 = new int[width], x1 = new int[width], fx = new int[width];
        axis(window.x(), window.width(), window.unit(), width, window.firstColumn(), window.lastColumn(sw), x0, x1, fx);
        int[] y0 = new int[height], y1 = new int[height], fy = new int[height];
        axis(window.y(), window.height(), window.unit(), height, window.firstRow(), window.lastRow(src.height()), y0, y1, fy);
        for (int x = 0; x < width; x++) {
            x0[x] *= ch;
            x1[x] *= ch;
            fx[x] >>= SHIFT - 8;   // 8-bit weights: products stay inside an int
        }
        int srcRow = sw * ch, rowLen = width * ch;
        byte[] out = new byte[rowLen * height];
        int[] blended = new int[srcRow];
        for (int y = 0; y < height; y++) {
            byte[] inA = src.array(y0[y]);
            int a = src.offset(y0[y]);
            byte[] inB = src.array(y1[y]);
            int b = src.offset(y1[y]);
            int wy = fy[y] >> (SHIFT - 8), wy0 = 256 - wy;
            for (int i = 0; i < srcRow; i++) blended[i] = (inA[a + i] & 0xFF) * wy0 + (inB[b + i] & 0xFF) * wy;
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

    /**
     * For each output index: the two source indices around its centre and the weight of the
     * second, both within [first, last], the source pixels the window touches.
     */
    private static void axis(long start, long length, int unit, int dstSize, int first, int last, int[] i0, int[] i1,
                             int[] frac) {
        for (int d = 0; d < dstSize; d++) {
            // source coordinate of the output pixel centre, in 1/2^SHIFT pixel units: n * ONE / m,
            // divided in two steps so that n * ONE cannot overflow
            long n = 2L * dstSize * start + (2L * d + 1) * length, m = 2L * dstSize * unit;
            long pos = (n / m) * ONE + ((n % m) * ONE) / m - ONE / 2;
            if (pos < (long) first << SHIFT) pos = (long) first << SHIFT;
            int base = (int) (pos >> SHIFT);
            if (base >= last) {
                i0[d] = last;
                i1[d] = last;
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
    static PixelImage areaAverage(Rows src, SourceWindow window, int width, int height) throws IOException {
        int ch = src.channels(), sw = src.width();
        Weights wx = Weights.of(window.x(), window.width(), window.unit(), sw, width);
        Weights wy = Weights.of(window.y(), window.height(), window.unit(), src.height(), height);
        int srcRow = sw * ch, rowLen = width * ch;
        byte[] out = new byte[rowLen * height];
        int[] acc = new int[srcRow];            // <= 255 * ONE: fits an int
        long round = 1L << (2 * SHIFT - 1);
        for (int y = 0; y < height; y++) {
            java.util.Arrays.fill(acc, 0);
            int start = wy.start[y], n = wy.count[y], wBase = wy.offset[y];
            for (int j = 0; j < n; j++) {
                int w = wy.weight[wBase + j];
                byte[] in = src.array(start + j);
                int r = src.offset(start + j);
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
        /**
         * @param begin  the window's start and {@code length} its length, in 1/unit source pixels
         * @param srcSize the source's pixels on this axis; a window reaching past the last one
         *                gives the overhang to the last one
         */
        static Weights of(long begin, long length, int unit, int srcSize, int dstSize) {
            int[] start = new int[dstSize], count = new int[dstSize], offset = new int[dstSize];
            int maxPer = (int) (length / ((long) unit * dstSize)) + 2;
            int[] weight = new int[dstSize * maxPer];
            // source pixel i covers [i, i + 1) * span in the units below
            long span = (long) unit * dstSize;
            int wi = 0;
            for (int d = 0; d < dstSize; d++) {
                // covered source interval [lo, hi) in units of 1/(unit * dstSize) source pixels
                long lo = begin * dstSize + d * length, hi = begin * dstSize + (d + 1) * length;
                int s = (int) Math.min(srcSize - 1, lo / span);
                int e = (int) Math.min(srcSize, (hi + span - 1) / span);
                start[d] = s;
                count[d] = e - s;
                offset[d] = wi;
                int sum = 0;
                for (int i = s; i < e; i++) {
                    long a = Math.max(lo, i * span), b = i == srcSize - 1 ? hi : Math.min(hi, (i + 1) * span);
                    int w = (int) (((b - a) * ONE) / length);
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
