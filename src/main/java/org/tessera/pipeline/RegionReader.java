package org.tessera.pipeline;

import java.io.IOException;
import java.util.Optional;
import org.tessera.cache.TileCache;
import org.tessera.cache.TileKey;
import org.tessera.image.Level;
import org.tessera.image.PixelImage;
import org.tessera.image.Rect;
import org.tessera.source.ImageSource;

/** Reads the decoded pixels of a level region by compositing the tiles that cover it. */
public final class RegionReader {
    private final TileCache cache;

    public RegionReader(TileCache cache) {
        this.cache = cache;
    }

    /**
     * @param identifier    the image's identifier, part of the cache key
     * @param cacheDecoded  whether newly decoded tiles are kept in the cache (region requests do;
     *                      whole-tile requests cache their encoded form instead)
     */
    public PixelImage read(ImageSource source, String identifier, int page, int levelIndex, Rect region,
                           boolean cacheDecoded) throws IOException {
        Level level = source.info().levels().get(levelIndex);
        long mtime = source.info().lastModified().toEpochMilli();
        int tw = level.tileWidth(), th = level.tileHeight();
        int c0 = region.x() / tw, c1 = (region.right() - 1) / tw;
        int r0 = region.y() / th, r1 = (region.bottom() - 1) / th;
        if (c0 == c1 && r0 == r1) {
            // one tile: crop it, no canvas needed (and no copy at all for a whole tile)
            Rect cell = level.tileRect(c0, r0);
            PixelImage tile = tile(source, identifier, page, levelIndex, c0, r0, mtime, cacheDecoded, cell);
            return tile.crop(new Rect(region.x() - cell.x(), region.y() - cell.y(), region.width(), region.height()));
        }
        Optional<PixelImage> direct = source.readRegion(page, levelIndex, region);
        if (direct.isPresent()) return direct.get();
        PixelImage canvas = null;
        for (int row = r0; row <= r1; row++) {
            for (int col = c0; col <= c1; col++) {
                Rect cell = level.tileRect(col, row);
                PixelImage tile = tile(source, identifier, page, levelIndex, col, row, mtime, cacheDecoded, cell);
                if (canvas == null) canvas = PixelImage.blank(region.width(), region.height(), tile.channels());
                Rect part = cell.intersect(region);
                PixelImage piece = tile.crop(new Rect(part.x() - cell.x(), part.y() - cell.y(), part.width(), part.height()));
                canvas.paste(piece, part.x() - region.x(), part.y() - region.y());
            }
        }
        return canvas;
    }

    private PixelImage tile(ImageSource source, String identifier, int page, int level, int col, int row, long mtime,
                            boolean cacheDecoded, Rect cell) throws IOException {
        TileKey key = TileKey.decoded(identifier, page, level, col, row, mtime);
        Optional<PixelImage> cached = cache.decoded(key);
        if (cached.isPresent()) return cached.get();
        PixelImage tile = source.readTile(page, level, col, row);
        if (tile.width() != cell.width() || tile.height() != cell.height()) {
            // a source that hands back a padded edge tile: keep only the level's pixels
            if (tile.width() < cell.width() || tile.height() < cell.height()) {
                throw new IOException("tile " + col + "," + row + " of level " + level + " is " + tile.width() + "x"
                        + tile.height() + ", expected " + cell.width() + "x" + cell.height());
            }
            tile = tile.crop(new Rect(0, 0, cell.width(), cell.height()));
        }
        if (cacheDecoded) cache.putDecoded(key, tile);
        return tile;
    }
}
