package org.tessera.pipeline;

import java.io.IOException;
import java.util.Optional;
import org.tessera.cache.DecodedTileCache;
import org.tessera.cache.TileKey;
import org.tessera.image.Level;
import org.tessera.image.PixelImage;
import org.tessera.image.Rect;
import org.tessera.source.ImageSource;

/** Reads the decoded pixels of a level region by compositing the tiles that cover it. */
public final class RegionReader {
    private final DecodedTileCache cache;

    public RegionReader(DecodedTileCache cache) {
        this.cache = cache;
    }

    /**
     * @param identifier    the image's identifier, part of the cache key
     * @param cacheDecoded  whether newly decoded tiles are kept (small region reads; whole tiles
     *                      cache their encoded form instead, and large exports would only evict)
     */
    public PixelImage read(ImageSource source, String identifier, int page, int levelIndex, Rect region,
                           boolean cacheDecoded) throws IOException {
        return read(source, identifier, page, levelIndex, region, cacheDecoded, 0);
    }

    /** @param layers quality layers to decode (JPEG 2000), 0 = the configured default */
    public PixelImage read(ImageSource source, String identifier, int page, int levelIndex, Rect region,
                           boolean cacheDecoded, int layers) throws IOException {
        Level level = source.info().levels().get(levelIndex);
        long mtime = source.info().lastModified().toEpochMilli();
        int tw = level.tileWidth(), th = level.tileHeight();
        int c0 = region.x() / tw, c1 = (region.right() - 1) / tw;
        int r0 = region.y() / th, r1 = (region.bottom() - 1) / th;
        if (c0 == c1 && r0 == r1) {
            // one tile: crop it, no canvas needed (and no copy at all for a whole tile)
            Rect cell = level.tileRect(c0, r0);
            PixelImage tile = tile(source, identifier, page, levelIndex, c0, r0, mtime, cacheDecoded, cell, layers);
            return tile.crop(new Rect(region.x() - cell.x(), region.y() - cell.y(), region.width(), region.height()));
        }
        Optional<PixelImage> direct = source.readRegion(page, levelIndex, region, layers);
        if (direct.isPresent()) return direct.get();
        PixelImage canvas = null;
        for (int row = r0; row <= r1; row++) {
            for (int col = c0; col <= c1; col++) {
                Rect cell = level.tileRect(col, row);
                PixelImage tile = tile(source, identifier, page, levelIndex, col, row, mtime, cacheDecoded, cell, layers);
                if (canvas == null) canvas = PixelImage.blank(region.width(), region.height(), tile.channels());
                Rect part = cell.intersect(region);
                PixelImage piece = tile.crop(new Rect(part.x() - cell.x(), part.y() - cell.y(), part.width(), part.height()));
                canvas.paste(piece, part.x() - region.x(), part.y() - region.y());
            }
        }
        return canvas;
    }

    private PixelImage tile(ImageSource source, String identifier, int page, int level, int col, int row, long mtime,
                            boolean cacheDecoded, Rect cell, int layers) throws IOException {
        TileKey key = new TileKey(identifier, page, level, col, row, mtime, layers);
        Optional<PixelImage> cached = cache.get(key);
        if (cached.isPresent()) return cached.get();
        PixelImage tile = source.readTile(page, level, col, row, layers);
        if (tile.width() != cell.width() || tile.height() != cell.height()) {
            // a source that hands back a padded edge tile: keep only the level's pixels
            if (tile.width() < cell.width() || tile.height() < cell.height()) {
                throw new IOException("tile " + col + "," + row + " of level " + level + " is " + tile.width() + "x"
                        + tile.height() + ", expected " + cell.width() + "x" + cell.height());
            }
            tile = tile.crop(new Rect(0, 0, cell.width(), cell.height()));
        }
        if (cacheDecoded) cache.put(key, tile);
        return tile;
    }
}
