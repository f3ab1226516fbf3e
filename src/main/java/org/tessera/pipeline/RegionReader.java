package org.tessera.pipeline;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tessera.cache.DecodedTileCache;
import org.tessera.cache.TileKey;
import org.tessera.image.Level;
import org.tessera.image.PixelImage;
import org.tessera.image.Rect;
import org.tessera.source.ImageSource;

/**
 * Reads the decoded pixels of a level region from the tiles that cover it: whole
 * ({@link #read}), or as rows for a resampling ({@link #rows}), decoded a strip of tiles at a
 * time and, when the output is smaller than the level, at a reduced size
 * ({@link DecodeScale}). Tiles of a region are decoded by several threads while fewer regions are
 * being read than there are cores; each pastes its rows straight into place. Closing the reader
 * ends those helper threads.
 */
public final class RegionReader implements AutoCloseable {
    private final DecodedTileCache cache;
    private final TileWorkers workers;

    public RegionReader(DecodedTileCache cache) {
        this(cache, Runtime.getRuntime().availableProcessors());
    }

    /** @param cores how many threads may decode tiles at once across all reads (1 = never in parallel) */
    public RegionReader(DecodedTileCache cache, int cores) {
        this.cache = cache;
        this.workers = new TileWorkers(cores);
    }

    /** The most threads that decode tiles for one read at once (each holding one decoded tile). */
    public int parallelism() { return workers.parallelism(); }

    /**
     * @param identifier    the image's identifier, part of the cache key
     * @param cacheDecoded  whether newly decoded tiles are kept (small region reads; whole tiles
     *                      cache their encoded form instead, and large exports would only evict)
     */
    public PixelImage read(ImageSource source, String identifier, int page, int levelIndex, Rect region,
                           boolean cacheDecoded) throws IOException {
        return read(source, identifier, page, levelIndex, region, cacheDecoded, 0);
    }

    /**
     * The region at the level's resolution, as one image.
     *
     * @param layers quality layers to decode (JPEG 2000), 0 = the configured default
     */
    public PixelImage read(ImageSource source, String identifier, int page, int levelIndex, Rect region,
                           boolean cacheDecoded, int layers) throws IOException {
        Level level = source.info().levels().get(levelIndex);
        Tiles tiles = new Tiles(source, identifier, page, levelIndex, level, cacheDecoded, layers, DecodeScale.FULL);
        int tw = level.tileWidth(), th = level.tileHeight();
        int c0 = region.x() / tw, c1 = (region.right() - 1) / tw;
        int r0 = region.y() / th, r1 = (region.bottom() - 1) / th;
        workers.enter();
        try {
            if (c0 == c1 && r0 == r1) {
                // one tile: crop it, no canvas needed (and no copy at all for a whole tile)
                Rect cell = level.tileRect(c0, r0);
                return tiles.tile(c0, r0).crop(new Rect(region.x() - cell.x(), region.y() - cell.y(), region.width(), region.height()));
            }
            Optional<PixelImage> direct = source.readRegion(page, levelIndex, region, layers);
            if (direct.isPresent()) return direct.get();
            Canvas canvas = new Canvas(region, null);
            List<TileWorkers.Job> jobs = new ArrayList<>((c1 - c0 + 1) * (r1 - r0 + 1));
            for (int row = r0; row <= r1; row++) {
                for (int col = c0; col <= c1; col++) {
                    int c = col, r = row;
                    jobs.add(() -> canvas.paste(tiles.tile(c, r), level.tileRect(c, r)));
                }
            }
            workers.runAll(jobs);
            return canvas.image();
        } finally {
            workers.leave();
        }
    }

    /**
     * The region as rows at {@code scale}, for resampling to an output no larger than the region
     * at that scale: one tile is handed out as it is (the region a view of it), several are
     * decoded strip by strip while the rows are read. The caller closes the result when done.
     * Sources that read regions directly (JPEG 2000) are not asked for them here.
     */
    public RegionRows rows(ImageSource source, String identifier, int page, int levelIndex, Rect region,
                           DecodeScale scale, boolean cacheDecoded, int layers) throws IOException {
        Level level = source.info().levels().get(levelIndex);
        Tiles tiles = new Tiles(source, identifier, page, levelIndex, level, cacheDecoded, layers, scale);
        Rect cover = scale.cover(region, level);
        SourceWindow window = scale.window(region, level);
        int tw = scale.tileWidth(level), th = scale.tileHeight(level);
        workers.enter();
        try {
            if (cover.x() / tw == (cover.right() - 1) / tw && cover.y() / th == (cover.bottom() - 1) / th) {
                int col = cover.x() / tw, row = cover.y() / th;
                Rect cell = scale.cell(level, col, row);
                Rows view = Rows.view(tiles.tile(col, row), new Rect(cover.x() - cell.x(), cover.y() - cell.y(), cover.width(), cover.height()));
                return new RegionRows(view, window, workers::leave);
            }
            TileStrips strips = new TileStrips(tiles::tile, scale, level, cover, workers);
            return new RegionRows(strips, window, () -> {
                strips.cancel();
                workers.leave();
            });
        } catch (IOException | RuntimeException | Error e) {
            workers.leave();
            throw e;
        }
    }

    /** Ends the helper threads; reads still possible afterwards decode on their own thread. */
    @Override
    public void close() {
        workers.close();
    }

    /** The tiles of one read: from the decoded-tile cache, else decoded (and kept when asked). */
    private final class Tiles {
        private final ImageSource source;
        private final String identifier;
        private final int page;
        private final int levelIndex;
        private final Level level;
        private final boolean cacheDecoded;
        private final int layers;
        private final DecodeScale scale;
        private final long mtime;

        Tiles(ImageSource source, String identifier, int page, int levelIndex, Level level, boolean cacheDecoded,
              int layers, DecodeScale scale) {
            this.source = source;
            this.identifier = identifier;
            this.page = page;
            this.levelIndex = levelIndex;
            this.level = level;
            this.cacheDecoded = cacheDecoded;
            this.layers = layers;
            this.scale = scale;
            this.mtime = source.info().lastModified().toEpochMilli();
        }

        /** Tile (col,row) at the read's scale, at least as large as its cell (a padded edge tile may be larger). */
        PixelImage tile(int col, int row) throws IOException {
            TileKey key = new TileKey(identifier, page, levelIndex, col, row, mtime, layers, scale.eighths());
            Optional<PixelImage> cached = cache.get(key);
            if (cached.isPresent()) return cached.get();
            PixelImage tile = scale.reduced() ? source.readTileReduced(page, levelIndex, col, row, scale.eighths())
                    : source.readTile(page, levelIndex, col, row, layers);
            Rect cell = scale.cell(level, col, row);
            if (tile.width() < cell.width() || tile.height() < cell.height()) {
                throw new IOException("tile " + col + "," + row + " of level " + levelIndex + " is " + tile.width() + "x"
                        + tile.height() + ", expected " + cell.width() + "x" + cell.height());
            }
            if (cacheDecoded) cache.put(key, tile);
            return tile;
        }
    }
}
