package org.tessera.pipeline;

/**
 * The rectangle of a source image that a resampling maps onto its whole output, in 1/{@code unit}
 * pixels. A region read at a reduced decode size starts and ends between pixels, so its position
 * is kept exact instead of being rounded to the pixels that cover it. The window may reach less
 * than one pixel beyond the image's right or bottom edge; that sliver repeats the edge pixels.
 *
 * @param unit subdivisions of a source pixel the other components count in (1 = whole pixels)
 */
public record SourceWindow(long x, long y, long width, long height, int unit) {
    public SourceWindow {
        if (unit < 1 || x < 0 || y < 0 || width <= 0 || height <= 0) {
            throw new IllegalArgumentException("bad window " + x + "," + y + "," + width + "," + height + " /" + unit);
        }
    }

    /** All of a {@code width x height} image. */
    public static SourceWindow whole(int width, int height) {
        return new SourceWindow(0, 0, width, height, 1);
    }

    /** The first source column the window touches. */
    int firstColumn() { return (int) (x / unit); }

    int firstRow() { return (int) (y / unit); }

    /** The last source column the window touches, at most {@code size - 1}. */
    int lastColumn(int size) { return lastIndex(x, width, size); }

    int lastRow(int size) { return lastIndex(y, height, size); }

    private int lastIndex(long start, long length, int size) {
        return (int) Math.min(size - 1, (start + length + unit - 1) / unit - 1);
    }
}
