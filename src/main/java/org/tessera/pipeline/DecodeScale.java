package org.tessera.pipeline;

import java.util.function.IntPredicate;
import org.tessera.image.Level;
import org.tessera.image.Rect;

/**
 * The size a level's tiles are decoded at, {@code eighths}/8 of the stored size, and where the
 * level's pixels land at that size. With tiles a multiple of 8 pixels, every tile starts on a
 * whole scaled pixel, so reduced tiles abut exactly. At the level's right and bottom edges only
 * whole scaled pixels count: a last partial pixel would be part level, part the padding that
 * edge tiles are stored with (black, from vips), so it is left out and the resampler repeats the
 * edge instead.
 */
public record DecodeScale(int eighths) {
    public static final DecodeScale FULL = new DecodeScale(8);

    public DecodeScale {
        if (eighths < 1 || eighths > 8) throw new IllegalArgumentException("scale " + eighths + "/8");
    }

    /**
     * The smallest n/8 at which {@code region} still measures at least one pixel more than
     * {@code minWidth x minHeight} (the output it will be resampled to; the pixel absorbs the
     * rounding of its edges), among the factors the source decodes cheaply; full size when none
     * fits or the tiles are not multiples of 8 pixels.
     */
    public static DecodeScale choose(Level level, Rect region, int minWidth, int minHeight, IntPredicate decodesReduced) {
        if (level.tileWidth() % 8 != 0 || level.tileHeight() % 8 != 0) return FULL;
        for (int n = 1; n < 8; n++) {
            if ((long) region.width() * n >= 8L * (minWidth + 1) && (long) region.height() * n >= 8L * (minHeight + 1)
                    && decodesReduced.test(n)) {
                return new DecodeScale(n);
            }
        }
        return FULL;
    }

    public boolean reduced() { return eighths < 8; }

    /** A level length at this scale, in whole pixels. */
    public int extent(int levelLength) {
        return reduced() ? Math.max(1, (int) ((long) levelLength * eighths / 8)) : levelLength;
    }

    /** A tile's width at this scale (whole: tile sizes are multiples of 8 when reduced). */
    public int tileWidth(Level level) { return level.tileWidth() * eighths / 8; }

    public int tileHeight(Level level) { return level.tileHeight() * eighths / 8; }

    /** The scaled pixels that {@code r} (level pixels) touches: start rounded down, end up, within the scaled level. */
    public Rect cover(Rect r, Level level) {
        if (!reduced()) return r;
        int x0 = (int) ((long) r.x() * eighths / 8), y0 = (int) ((long) r.y() * eighths / 8);
        int x1 = Math.min(ceil(r.right()), extent(level.width())), y1 = Math.min(ceil(r.bottom()), extent(level.height()));
        return new Rect(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
    }

    /** Tile (col,row) at this scale, within the scaled level; empty for a last tile narrower than one scaled pixel. */
    public Rect cell(Level level, int col, int row) {
        Rect cell = level.tileRect(col, row);
        if (!reduced()) return cell;
        int x0 = cell.x() * eighths / 8, y0 = cell.y() * eighths / 8;
        int x1 = Math.min(ceil(cell.right()), extent(level.width())), y1 = Math.min(ceil(cell.bottom()), extent(level.height()));
        return new Rect(x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0));
    }

    /** Where {@code region} lies inside {@link #cover}, exactly, in eighths of a scaled pixel. */
    public SourceWindow window(Rect region, Level level) {
        Rect cover = cover(region, level);
        return new SourceWindow((long) region.x() * eighths - 8L * cover.x(), (long) region.y() * eighths - 8L * cover.y(),
                (long) region.width() * eighths, (long) region.height() * eighths, 8);
    }

    private int ceil(int levelCoordinate) { return (int) (((long) levelCoordinate * eighths + 7) / 8); }
}
