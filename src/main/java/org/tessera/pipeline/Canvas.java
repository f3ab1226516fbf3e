package org.tessera.pipeline;

import org.tessera.image.PixelImage;
import org.tessera.image.Rect;

/**
 * The pixels of a rectangle, filled tile by tile: the rows of each tile that fall inside are
 * copied straight into place, with no cropped copy of the tile in between. Tiles are disjoint, so
 * several threads may paste at once. The buffer is allocated by the first paste, which brings
 * the channel count (a palette image's tiles decode to RGB), unless a large enough one is lent.
 */
final class Canvas {
    private final Rect area;
    private final byte[] lent;
    private int channels;
    private volatile byte[] pixels;

    /** @param area  the rectangle, in the coordinates of the tile cells pasted
     *  @param lent  a buffer to fill instead of a new one when it is large enough, or null */
    Canvas(Rect area, byte[] lent) {
        this.area = area;
        this.lent = lent;
    }

    /** Copies the part of {@code tile} (covering {@code cell}, from its top-left) that lies inside the area. */
    void paste(PixelImage tile, Rect cell) {
        Rect part = cell.intersect(area);
        if (part.isEmpty()) return;
        int ch = tile.channels();
        byte[] dst = buffer(ch);
        int rowBytes = part.width() * ch;
        int sx = part.x() - cell.x(), sy = part.y() - cell.y(), dx = part.x() - area.x(), dy = part.y() - area.y();
        byte[] src = tile.pixels();
        for (int r = 0; r < part.height(); r++) {
            System.arraycopy(src, ((sy + r) * tile.width() + sx) * ch, dst, ((dy + r) * area.width() + dx) * ch, rowBytes);
        }
    }

    /** The filled buffer: rows of {@code area.width() x channels()} samples from its start; null before any paste. */
    byte[] pixels() { return pixels; }

    int channels() { return channels; }

    /** The area as an image; the buffer must be exactly its size (nothing lent). */
    PixelImage image() { return new PixelImage(area.width(), area.height(), channels, pixels); }

    private byte[] buffer(int ch) {
        byte[] p = pixels;
        if (p == null) {
            synchronized (this) {
                p = pixels;
                if (p == null) {
                    int bytes = Math.multiplyExact(Math.multiplyExact(area.width(), area.height()), ch);
                    channels = ch;
                    p = lent != null && lent.length >= bytes ? lent : new byte[bytes];
                    pixels = p;
                }
            }
        }
        if (ch != channels) {
            throw new IllegalStateException("a tile has " + ch + " channels, the others " + channels);
        }
        return p;
    }
}
