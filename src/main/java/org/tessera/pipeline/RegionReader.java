package org.tessera.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.tessera.cache.TileCache;
import org.tessera.cache.TileKey;
import org.tessera.image.Level;
import org.tessera.image.PixelImage;
import org.tessera.image.Rect;
import org.tessera.source.ImageSource;

/**
 * Reads the decoded pixels of a level region by compositing the tiles that cover it.
 *
 * <p>When the caller only needs the region at a smaller size, JPEG tiles are decoded reduced
 * (libjpeg-turbo's DCT scaling by n/8, the smallest n that still gives at least the requested
 * size), so neither the decode nor the canvas is ever larger than needed. When fewer regions are
 * being read than there are cores, the tiles of a region are decoded by several threads at once.
 */
public final class RegionReader {
    /** Below this many tiles to decode, handing work to other threads costs more than it saves. */
    private static final int PARALLEL_MIN_TILES = 4;

    private final TileCache cache;
    private final int cores;
    private final AtomicInteger readsInFlight = new AtomicInteger();
    /** Helper threads, created on first use; daemon threads, so they never hold the JVM up. */
    private volatile ExecutorService helpers;

    public RegionReader(TileCache cache) {
        this(cache, Runtime.getRuntime().availableProcessors());
    }

    /** @param cores how many threads may decode at once across all regions (1 = never in parallel) */
    public RegionReader(TileCache cache, int cores) {
        this.cache = cache;
        this.cores = Math.max(1, cores);
    }

    /**
     * The region at level resolution.
     *
     * @param identifier    the image's identifier, part of the cache key
     * @param cacheDecoded  whether newly decoded tiles are kept in the cache (region requests do;
     *                      whole-tile requests cache their encoded form instead)
     */
    public PixelImage read(ImageSource source, String identifier, int page, int levelIndex, Rect region,
                           boolean cacheDecoded) throws IOException {
        return read(source, identifier, page, levelIndex, region, region.width(), region.height(), cacheDecoded);
    }

    /**
     * The region at level resolution, or smaller but never smaller than {@code minWidth x minHeight}
     * when the source can decode reduced: the caller resizes the result to its output anyway.
     */
    public PixelImage read(ImageSource source, String identifier, int page, int levelIndex, Rect region,
                           int minWidth, int minHeight, boolean cacheDecoded) throws IOException {
        Level level = source.info().levels().get(levelIndex);
        int eighths = eighths(source, page, levelIndex, level, region, minWidth, minHeight);
        long mtime = source.info().lastModified().toEpochMilli();
        int tw = level.tileWidth(), th = level.tileHeight();
        int c0 = region.x() / tw, c1 = (region.right() - 1) / tw;
        int r0 = region.y() / th, r1 = (region.bottom() - 1) / th;
        // the region in scaled pixels: edges rounded outwards, inside the scaled level
        Rect target = scaled(region, eighths, level);
        if (c0 == c1 && r0 == r1) {
            // one tile: crop it, no canvas needed (and no copy at all for a whole tile)
            Rect cell = scaled(level.tileRect(c0, r0), eighths, level);
            PixelImage tile = tile(source, identifier, page, levelIndex, c0, r0, eighths, mtime, cacheDecoded, cell);
            return tile.crop(new Rect(target.x() - cell.x(), target.y() - cell.y(), target.width(), target.height()));
        }
        List<int[]> missing = new ArrayList<>();
        List<PixelImage> cached = new ArrayList<>();
        List<int[]> cachedAt = new ArrayList<>();
        for (int row = r0; row <= r1; row++) {
            for (int col = c0; col <= c1; col++) {
                Optional<PixelImage> hit = cache.decoded(TileKey.decodedScaled(identifier, page, levelIndex, col, row, eighths, mtime));
                if (hit.isPresent()) {
                    cached.add(hit.get());
                    cachedAt.add(new int[] {col, row});
                } else {
                    missing.add(new int[] {col, row});
                }
            }
        }
        Canvas canvas = new Canvas(target);
        for (int i = 0; i < cached.size(); i++) {
            int[] at = cachedAt.get(i);
            canvas.paste(cached.get(i), scaled(level.tileRect(at[0], at[1]), eighths, level));
        }
        readsInFlight.incrementAndGet();
        try {
            decodeAll(missing, at -> {
                Rect cell = scaled(level.tileRect(at[0], at[1]), eighths, level);
                canvas.paste(tile(source, identifier, page, levelIndex, at[0], at[1], eighths, mtime, cacheDecoded, cell), cell);
            });
        } finally {
            readsInFlight.decrementAndGet();
        }
        return canvas.image();
    }

    /** The smallest n/8 at which the region is still at least minWidth x minHeight; 8 when the source cannot scale. */
    static int eighths(ImageSource source, int page, int levelIndex, Level level, Rect region, int minWidth, int minHeight) {
        if (minWidth >= region.width() && minHeight >= region.height()) return 8;
        // tile origins must land on whole scaled pixels
        if (level.tileWidth() % 8 != 0 || level.tileHeight() % 8 != 0) return 8;
        if (!source.decodesScaled(page, levelIndex)) return 8;
        for (int n = 1; n < 8; n++) {
            // the region as it will be read at n/8 (edges rounded outwards) must still cover the output
            Rect r = scaled(region, n, level);
            if (r.width() >= minWidth && r.height() >= minHeight) return n;
        }
        return 8;
    }

    /** {@code r} at n/8: start rounded down, end rounded up, clipped to the scaled level. */
    static Rect scaled(Rect r, int eighths, Level level) {
        if (eighths == 8) return r;
        int x0 = r.x() * eighths / 8, y0 = r.y() * eighths / 8;
        int x1 = Math.min((r.right() * eighths + 7) / 8, (level.width() * eighths + 7) / 8);
        int y1 = Math.min((r.bottom() * eighths + 7) / 8, (level.height() * eighths + 7) / 8);
        return new Rect(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
    }

    @FunctionalInterface
    private interface TileJob {
        void run(int[] colRow) throws IOException;
    }

    /**
     * Runs {@code job} for every tile: on this thread alone, or with helpers when the region has
     * several tiles and fewer regions are being read than there are cores (idle cores).
     */
    private void decodeAll(List<int[]> tiles, TileJob job) throws IOException {
        int idle = cores - readsInFlight.get();
        int helpersWanted = Math.min(idle, tiles.size() / PARALLEL_MIN_TILES);
        if (helpersWanted <= 0) {
            for (int[] t : tiles) job.run(t);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < tiles.size(); i = next.getAndIncrement()) {
                try {
                    job.run(tiles.get(i));
                } catch (IOException e) {
                    next.set(tiles.size()); // stop the others early
                    throw new UncheckedIOException(e);
                }
            }
        };
        List<Future<?>> started = new ArrayList<>(helpersWanted);
        ExecutorService pool = helpers();
        for (int i = 0; i < helpersWanted; i++) started.add(pool.submit(worker));
        Throwable failure = null;
        try {
            worker.run();
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<?> f : started) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (failure == null) failure = e.getCause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) failure = e;
            }
        }
        if (failure instanceof UncheckedIOException u) throw u.getCause();
        if (failure instanceof RuntimeException r) throw r;
        if (failure instanceof Error err) throw err;
        if (failure != null) throw new IOException("tile decoding interrupted", failure);
    }

    private ExecutorService helpers() {
        ExecutorService h = helpers;
        if (h == null) {
            synchronized (this) {
                h = helpers;
                if (h == null) {
                    h = Executors.newFixedThreadPool(cores, r -> {
                        Thread t = new Thread(r, "tile-decode");
                        t.setDaemon(true);
                        return t;
                    });
                    helpers = h;
                }
            }
        }
        return h;
    }

    private PixelImage tile(ImageSource source, String identifier, int page, int level, int col, int row, int eighths,
                            long mtime, boolean cacheDecoded, Rect cell) throws IOException {
        TileKey key = TileKey.decodedScaled(identifier, page, level, col, row, eighths, mtime);
        Optional<PixelImage> cached = cache.decoded(key);
        if (cached.isPresent()) return cached.get();
        PixelImage tile = eighths == 8 ? source.readTile(page, level, col, row) : source.readTileScaled(page, level, col, row, eighths);
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

    /** The region's pixels, filled tile by tile; disjoint tiles may be pasted from several threads. */
    private static final class Canvas {
        private final Rect area;
        private volatile PixelImage image;

        Canvas(Rect area) {
            this.area = area;
        }

        void paste(PixelImage tile, Rect cell) {
            PixelImage canvas = image;
            if (canvas == null) {
                synchronized (this) {
                    canvas = image;
                    if (canvas == null) {
                        canvas = PixelImage.blank(area.width(), area.height(), tile.channels());
                        image = canvas;
                    }
                }
            }
            Rect part = cell.intersect(area);
            if (part.isEmpty()) return;
            // rows straight from the tile into the canvas: no intermediate crop
            int ch = tile.channels(), rowBytes = part.width() * ch;
            byte[] src = tile.pixels(), dst = canvas.pixels();
            int sx = part.x() - cell.x(), sy = part.y() - cell.y(), dx = part.x() - area.x(), dy = part.y() - area.y();
            for (int r = 0; r < part.height(); r++) {
                System.arraycopy(src, ((sy + r) * tile.width() + sx) * ch, dst, ((dy + r) * area.width() + dx) * ch, rowBytes);
            }
        }

        PixelImage image() { return image; }
    }
}
