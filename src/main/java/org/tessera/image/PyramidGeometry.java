package org.tessera.image;

import java.util.Optional;
import org.tessera.error.NotFoundException;

/**
 * The one place that knows how an image's pyramid is addressed: IIP resolution numbers and stored
 * levels, tile indices, grid cells and the regions they cover, the power-of-two scale of each
 * level, and the levels clients compute themselves (DeepZoom, Zoomify). Every protocol and the
 * planner ask it, so the same mistake gets the same answer everywhere:
 * a level, tile or page outside the image is a {@link NotFoundException} (404).
 */
public final class PyramidGeometry {
    private final ImageInfo info;

    public PyramidGeometry(ImageInfo info) {
        this.info = info;
    }

    public ImageInfo info() { return info; }

    // ---- pages and levels

    /** Throws unless {@code page} is a page (stack page, horizontal view) of the image. */
    public void checkPage(int page) {
        if (page < 0 || page >= Math.max(1, info.pages())) throw new NotFoundException("page " + page + " does not exist");
    }

    /** Number of IIP resolutions, the same as stored levels. */
    public int resolutions() { return info.levelCount(); }

    /** The stored level (0 = full size) of IIP resolution {@code resolution} (0 = smallest). */
    public int nativeLevel(int resolution) {
        int n = info.levelCount();
        if (resolution < 0 || resolution >= n) {
            throw new NotFoundException("resolution " + resolution + " does not exist (0-" + (n - 1) + ")");
        }
        return n - 1 - resolution;
    }

    /** The IIP resolution number of stored level {@code level}. */
    public int resolution(int level) { return info.levelCount() - 1 - checkLevel(level); }

    /** Stored level {@code level} (0 = full size). */
    public Level level(int level) { return info.levels().get(checkLevel(level)); }

    private int checkLevel(int level) {
        if (level < 0 || level >= info.levelCount()) throw new NotFoundException("resolution level " + level + " does not exist");
        return level;
    }

    // ---- tiles of stored levels

    /** Tile number {@code index} (row-major) of stored level {@code level}. */
    public TileAddress tileAt(int level, int index) {
        Level l = level(level);
        if (index < 0 || index >= l.tileCount()) throw new NotFoundException("tile " + index + " does not exist");
        return new TileAddress(level, index % l.tilesAcross(), index / l.tilesAcross());
    }

    /** The row-major number of a tile. */
    public int tileIndex(TileAddress t) { return t.row() * level(t.level()).tilesAcross() + t.col(); }

    /** The pixels of a tile in its level, cropped at the level's right and bottom edges. */
    public Rect tileRect(TileAddress t) {
        Level l = level(t.level());
        if (t.col() < 0 || t.row() < 0 || t.col() >= l.tilesAcross() || t.row() >= l.tilesDown()) {
            throw new NotFoundException("tile " + t.col() + "," + t.row() + " does not exist at this resolution");
        }
        return l.tileRect(t.col(), t.row());
    }

    // ---- regions between levels

    /**
     * A rectangle of a level (stored or not, of {@code levelWidth x levelHeight}) in full-resolution
     * pixels: each edge rounded to the nearest full-resolution pixel, and an edge that touches the
     * level's edge touches the image's.
     */
    public Rect toFullResolution(Rect r, int levelWidth, int levelHeight) {
        int fw = info.width(), fh = info.height();
        int x0 = scale(r.x(), fw, levelWidth), y0 = scale(r.y(), fh, levelHeight);
        int x1 = r.right() >= levelWidth ? fw : scale(r.right(), fw, levelWidth);
        int y1 = r.bottom() >= levelHeight ? fh : scale(r.bottom(), fh, levelHeight);
        return new Rect(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
    }

    /**
     * Maps a full-resolution rectangle onto a stored level by the level's real size: an edge
     * touching the image's right or bottom maps onto the level's edge exactly (pyramids round odd
     * sizes either way), others to the nearest level pixel. Never empty, always inside the level.
     */
    public Rect toLevel(int level, Rect full) {
        Level l = level(level);
        int fw = info.width(), fh = info.height();
        int x0 = scale(full.x(), l.width(), fw), y0 = scale(full.y(), l.height(), fh);
        int x1 = full.right() >= fw ? l.width() : scale(full.right(), l.width(), fw);
        int y1 = full.bottom() >= fh ? l.height() : scale(full.bottom(), l.height(), fh);
        x0 = Math.min(x0, l.width() - 1);
        y0 = Math.min(y0, l.height() - 1);
        int w = Math.max(1, Math.min(x1, l.width()) - x0);
        int h = Math.max(1, Math.min(y1, l.height()) - y0);
        return new Rect(x0, y0, w, h);
    }

    /** v * to / from, rounded half up, in integers. */
    private static int scale(int v, int to, int from) {
        if (to == from) return v;
        return (int) ((2L * v * to + from) / (2L * from));
    }

    /**
     * The smallest stored level whose copy of the region is at least the requested output in both
     * dimensions; the full level when none is large enough.
     */
    public int levelFor(Rect fullRegion, int outWidth, int outHeight) {
        for (int i = info.levelCount() - 1; i > 0; i--) {
            Rect r = toLevel(i, fullRegion);
            if (r.width() >= outWidth && r.height() >= outHeight) return i;
        }
        return 0;
    }

    // ---- power-of-two scales

    /** Scale factor of stored level {@code level}: 2^round(log2(full size / level size)). */
    public int scaleFactor(int level) {
        if (level == 0) return 1;
        Level l = level(level);
        double ratio = Math.max((double) info.width() / l.width(), (double) info.height() / l.height());
        int exp = (int) Math.round(Math.log(ratio) / Math.log(2));
        return 1 << Math.max(0, Math.min(30, exp));
    }

    /** The stored level whose scale factor is exactly {@code factor}, if any. */
    public Optional<Integer> levelWithFactor(int factor) {
        for (int k = 0; k < info.levelCount(); k++) {
            if (scaleFactor(k) == factor) return Optional.of(k);
        }
        return Optional.empty();
    }

    /**
     * The stored tile a region+size request addresses exactly: the region is one cell of a level's
     * grid scaled to full resolution (cropped at the image edge) and the size is that tile's real
     * size, give or take {@code slackW}/{@code slackH} pixels (a dimension the client left to the
     * server's rounding). This is what OpenSeadragon, Mirador and Leaflet-IIIF send for every tile.
     */
    public Optional<TileAddress> exactTile(Rect region, int width, int height, int slackW, int slackH) {
        for (int k = 0; k < info.levelCount(); k++) {
            Level l = info.levels().get(k);
            long s = scaleFactor(k);
            long spanW = l.tileWidth() * s, spanH = l.tileHeight() * s;
            if (region.x() % spanW != 0 || region.y() % spanH != 0) continue;
            int col = (int) (region.x() / spanW), row = (int) (region.y() / spanH);
            if (col >= l.tilesAcross() || row >= l.tilesDown()) continue;
            if (region.width() != Math.min(spanW, info.width() - region.x())) continue;
            if (region.height() != Math.min(spanH, info.height() - region.y())) continue;
            Rect t = l.tileRect(col, row);
            if (Math.abs(t.width() - width) <= slackW && Math.abs(t.height() - height) <= slackH) {
                return Optional.of(new TileAddress(k, col, row));
            }
        }
        return Optional.empty();
    }

    // ---- levels clients compute (DeepZoom, Zoomify)

    /**
     * The level 2^{@code halvings} times smaller than full size, cut into square tiles of
     * {@code tileSize}: the stored level when the pyramid has it (its real size, so its tiles can
     * pass through), else a size halved {@code halvings} times (rounding up or down as the client
     * does), made by downsampling.
     */
    public GridLevel halved(int halvings, int tileSize, boolean ceil) {
        if (halvings < 30) {
            Optional<Integer> stored = levelWithFactor(1 << halvings);
            if (stored.isPresent()) {
                Level l = info.levels().get(stored.get());
                return new GridLevel(l.width(), l.height(), tileSize, stored);
            }
        }
        return new GridLevel(shrink(info.width(), halvings, ceil), shrink(info.height(), halvings, ceil), tileSize,
                Optional.empty());
    }

    static int shrink(int size, int halvings, boolean ceil) {
        if (halvings >= 31) return 1;
        long d = 1L << halvings;
        long v = ceil ? (size + d - 1) / d : size / d;
        return (int) Math.max(1, v);
    }

    /** The pixels of tile (x,y) of a client-computed level, cropped at its edges. */
    public Rect gridTileRect(GridLevel g, int x, int y) {
        if (x < 0 || y < 0 || x >= g.tilesAcross() || y >= g.tilesDown()) {
            throw new NotFoundException("tile " + x + "," + y + " does not exist at this level");
        }
        int tx = x * g.tileSize(), ty = y * g.tileSize();
        return new Rect(tx, ty, Math.min(g.tileSize(), g.width() - tx), Math.min(g.tileSize(), g.height() - ty));
    }

    /** The stored tile that tile (x,y) of a client-computed level is, when the grids coincide. */
    public Optional<TileAddress> storedTile(GridLevel g, int x, int y) {
        if (g.nativeLevel().isEmpty()) return Optional.empty();
        Level l = info.levels().get(g.nativeLevel().get());
        if (l.tileWidth() != g.tileSize() || l.tileHeight() != g.tileSize()) return Optional.empty();
        return Optional.of(new TileAddress(g.nativeLevel().get(), x, y));
    }
}
