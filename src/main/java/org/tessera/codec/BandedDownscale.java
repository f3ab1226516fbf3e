package org.tessera.codec;

import static org.tessera.codec.PixmanNative.*;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.IOException;

/**
 * One bilinear reduction by pixman, a band of output rows at a time, so that only the source rows
 * under a band are ever in native memory (the source may be a region being decoded strip by
 * strip). The filter is the pipeline's own: pixel centres aligned, the window placed to a fraction
 * of a pixel, edges repeated at the pixels the window touches; pixman's weights have 7 bits, so a
 * pixel may differ from the Java filter's by one level.
 *
 * <p>Per band, the source rows under it (as pixman's fixed-point arithmetic places them) are
 * widened to 4 bytes a pixel by libyuv, scaled by pixman into a band of the output, and narrowed
 * back. Each band is an image of its own for pixman, positioned by the transform's translation;
 * pixman never reads outside an image it is given, so a row placed wrongly would cost a level in
 * a few pixels, never a read beyond our memory.
 */
public final class BandedDownscale implements AutoCloseable {
    /** The source as the caller holds it: blocks of pixels (tiles, strips, rows). */
    public interface Source {
        /**
         * Hands {@code sink} blocks that together hold rows {@code y0..y1} of every column the
         * window touches (they may hold more); rows are asked for in increasing order, neighbouring
         * bands may share one.
         */
        void blocks(int y0, int y1, Sink sink) throws IOException;
    }

    /** Where a {@link Source} hands its blocks. */
    @FunctionalInterface
    public interface Sink {
        /** {@code height} rows of {@code width} pixels at (x, y) of the source; row i at {@code array[offset + i * stride]}. */
        void block(byte[] array, int offset, int stride, int x, int y, int width, int height) throws IOException;
    }

    /** Staging bytes a band's source should stay within, so the band stays in the CPU's cache. */
    private static final int BAND_BYTES = 1 << 19;

    private final int channels, dstWidth, dstHeight;
    private final int firstColumn, columns, firstRow, lastRow;
    /** The transform's scale and translation (16.16), in pixels of the source's columns from firstColumn. */
    private final int scaleX, scaleY, translateX;
    /** The window's top in 16.16 source rows (from row 0). */
    private final long top;
    private final int bandRows;
    private final Memory sourceArgb, bandArgb, bandRgb, transform;
    /** A block's bytes on their way out of the heap; grown to the largest block. */
    private Memory staging;

    /**
     * @param sourceWidth  the source's columns, sourceHeight its rows: the window's edge pixels are repeated beyond them
     * @param x            the window (x, y, width, height) in 1/{@code unit} source pixels, mapped onto the whole output
     */
    BandedDownscale(int sourceWidth, int sourceHeight, int channels, long x, long y, long width, long height, int unit,
                    int dstWidth, int dstHeight) {
        if (!supports(sourceWidth, sourceHeight, channels, width, height, unit, dstWidth, dstHeight)) {
            throw new IllegalArgumentException("no banded downscale of " + width + "x" + height + "/" + unit + " ("
                    + channels + " channels) to " + dstWidth + "x" + dstHeight);
        }
        this.channels = channels;
        this.dstWidth = dstWidth;
        this.dstHeight = dstHeight;
        this.firstColumn = (int) (x / unit);
        int lastColumn = (int) Math.min(sourceWidth - 1, (x + width + unit - 1) / unit - 1);
        this.columns = lastColumn - firstColumn + 1;
        this.firstRow = (int) (y / unit);
        this.lastRow = (int) Math.min(sourceHeight - 1, (y + height + unit - 1) / unit - 1);
        this.scaleX = fixed(width, (long) unit * dstWidth);
        this.scaleY = fixed(height, (long) unit * dstHeight);
        this.translateX = fixed(x - (long) firstColumn * unit, unit);
        this.top = fixed(y, unit);
        long perRow = Math.max(1, (long) columns * 4);
        this.bandRows = (int) Math.max(1, Math.min(dstHeight, BAND_BYTES / perRow * dstHeight * unit / height));
        int maxRows = (int) Math.min(lastRow - firstRow + 1, (((long) (bandRows - 1) * scaleY) >> 16) + 3);
        this.sourceArgb = new Memory((long) maxRows * columns * 4);
        this.bandArgb = new Memory((long) bandRows * dstWidth * 4);
        this.bandRgb = channels == 3 ? new Memory((long) bandRows * dstWidth * 3) : null;
        this.transform = new Memory(TRANSFORM_SIZE);
        transform.clear();
    }

    /**
     * True when this reduction can be done here: 3 (RGB) or 4 (RGBA) channels, the output no
     * larger than the window in either direction, every side within pixman's 16.16 coordinates.
     */
    public static boolean supports(int sourceWidth, int sourceHeight, int channels, long width, long height, int unit,
                                   int dstWidth, int dstHeight) {
        return (channels == 3 || channels == 4) && unit >= 1 && dstWidth >= 1 && dstHeight >= 1
                && width >= (long) dstWidth * unit && height >= (long) dstHeight * unit
                && sourceWidth <= Short.MAX_VALUE && sourceHeight <= Short.MAX_VALUE;
    }

    private static int fixed(long numerator, long denominator) {
        return (int) ((numerator * FIXED_ONE * 2 + denominator) / (2 * denominator));
    }

    /** Output rows per band: {@link #scale} takes at most this many at a time. */
    public int bandRows() { return bandRows; }

    /**
     * The upper of the two source rows pixman filters output row {@code r} from: the row centre
     * (r + 1/2) through the transform, as pixman rounds it, less half a pixel.
     */
    private long upperRow(int r) {
        long centre = (((long) scaleY * (((long) r << 16) + 0x8000) + 0x8000) >> 16) + top;
        return (centre - 0x8000) >> 16;
    }

    private int clampRow(long row) {
        return (int) Math.max(firstRow, Math.min(lastRow, row));
    }

    /**
     * Output rows {@code [r0, r1)} (at most {@link #bandRows} of them) into {@code out} at
     * {@code outOffset}, {@code dstWidth * channels} bytes a row.
     */
    public void scale(int r0, int r1, Source source, byte[] out, int outOffset) throws IOException {
        if (r0 < 0 || r1 > dstHeight || r1 <= r0 || r1 - r0 > bandRows) {
            throw new IllegalArgumentException("band " + r0 + ".." + r1 + " of " + dstHeight + " rows, " + bandRows + " at most");
        }
        int first = clampRow(upperRow(r0)), last = clampRow(upperRow(r1 - 1) + 1), rows = last - first + 1;
        int argbStride = columns * 4;
        long argb = Pointer.nativeValue(sourceArgb), band = Pointer.nativeValue(bandArgb);
        // each block's part in the band and the window goes over once, then is widened into place
        source.blocks(first, last, (array, offset, stride, x, y, width, height) -> {
            int x0 = Math.max(x, firstColumn), x1 = Math.min(x + width, firstColumn + columns);
            int y0 = Math.max(y, first), y1 = Math.min(y + height, last + 1);
            if (x0 >= x1 || y0 >= y1) return;
            int start = offset + (y0 - y) * stride + (x0 - x) * channels, rowBytes = (x1 - x0) * channels;
            int bytes = (y1 - y0 - 1) * stride + rowBytes;
            if (start < 0 || start + bytes > array.length) throw new IllegalArgumentException("block outside its array");
            Memory staging = staging(bytes);
            staging.write(0, array, start, bytes);
            long to = argb + (long) (y0 - first) * argbStride + (long) (x0 - firstColumn) * 4;
            long from = Pointer.nativeValue(staging);
            check(channels == 3
                    ? LibyuvNative.RGB24ToARGB(from, stride, to, argbStride, x1 - x0, y1 - y0)
                    : LibyuvNative.ARGBCopy(from, stride, to, argbStride, x1 - x0, y1 - y0));
        });
        int format = channels == 3 ? FORMAT_X8R8G8B8 : FORMAT_A8R8G8B8, bandHeight = r1 - r0, outStride = dstWidth * 4;
        long src = pixman_image_create_bits(format, columns, rows, argb, argbStride);
        long dst = pixman_image_create_bits(format, dstWidth, bandHeight, band, outStride);
        try {
            if (src == 0 || dst == 0) throw new IllegalStateException("pixman could not make an image");
            // the band's first row is row 0 of its image: the transform moves the window there
            transform.setInt(0, scaleX);
            transform.setInt(8, translateX);
            transform.setInt(16, scaleY);
            transform.setInt(20, (int) (top - ((long) first << 16)));
            transform.setInt(32, FIXED_ONE);
            if (pixman_image_set_transform(src, Pointer.nativeValue(transform)) == 0
                    || pixman_image_set_filter(src, FILTER_BILINEAR, 0, 0) == 0) {
                throw new IllegalStateException("pixman refused the transform");
            }
            pixman_image_set_repeat(src, REPEAT_PAD);
            // destination row j of the band is output row r0 + j: the transform sees r0 + j
            pixman_image_composite32(OP_SRC, src, 0, dst, 0, r0, 0, 0, 0, 0, dstWidth, bandHeight);
        } finally {
            if (src != 0) pixman_image_unref(src);
            if (dst != 0) pixman_image_unref(dst);
        }
        if (channels == 3) {
            check(LibyuvNative.ARGBToRGB24(band, outStride, Pointer.nativeValue(bandRgb), dstWidth * 3, dstWidth, bandHeight));
            bandRgb.read(0, out, outOffset, bandHeight * dstWidth * 3);
        } else {
            bandArgb.read(0, out, outOffset, bandHeight * outStride);
        }
    }

    private static void check(int status) {
        if (status != 0) throw new IllegalStateException("libyuv failed (" + status + ")");
    }

    private Memory staging(int bytes) {
        if (staging == null || staging.size() < bytes) {
            if (staging != null) staging.close();
            staging = new Memory(Math.max(bytes, 64 * 1024));
        }
        return staging;
    }

    /** An image of {@code width} pixels a row, rows one after another in {@code pixels}. */
    public static Source rowsOf(byte[] pixels, int width, int channels) {
        return (y0, y1, sink) -> sink.block(pixels, y0 * width * channels, width * channels, 0, y0, width, y1 - y0 + 1);
    }

    @Override
    public void close() {
        sourceArgb.close();
        bandArgb.close();
        transform.close();
        if (staging != null) staging.close();
        if (bandRgb != null) bandRgb.close();
    }
}
