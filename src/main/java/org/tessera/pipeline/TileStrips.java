package org.tessera.pipeline;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.tessera.image.Level;
import org.tessera.image.PixelImage;
import org.tessera.image.Rect;

/**
 * A region of a tiled level as {@link Rows}, decoded one row of tiles (a strip) at a time: the
 * region itself is never whole in memory. Only the strip being read and the one above it are
 * held (bilinear filtering reads a row from each at a strip boundary), and, while cores are
 * idle, the strip below is decoded ahead by helper threads as the caller resamples this one.
 * Their three buffers are reused all the way down.
 */
final class TileStrips implements Rows {
    /** A tile of the level at the read's scale, at least as large as its scaled cell. */
    @FunctionalInterface
    interface Tiles {
        PixelImage tile(int col, int row) throws IOException;
    }

    /** A strip whose tiles have been handed out, and the canvas they are pasted into. */
    private record Pending(int strip, Canvas canvas, TileWorkers.Batch batch) {
    }

    private final Tiles tiles;
    private final DecodeScale scale;
    private final Level level;
    private final Rect cover;
    private final TileWorkers workers;
    private final int stripHeight;
    private final int firstCol;
    private final int lastCol;
    private final int lastStrip;
    private int channels;
    private int currentStrip = -1;
    private int previousStrip = -1;
    private byte[] current;
    private byte[] previous;
    private byte[] spare;
    private Pending ahead;

    /**
     * @param cover the region's pixels at {@code scale} (see {@link DecodeScale#cover}); the first
     *              strip is decoded here, so failures to read the region show up at once
     */
    TileStrips(Tiles tiles, DecodeScale scale, Level level, Rect cover, TileWorkers workers) throws IOException {
        this.tiles = tiles;
        this.scale = scale;
        this.level = level;
        this.cover = cover;
        this.workers = workers;
        this.stripHeight = scale.tileHeight(level);
        int tileWidth = scale.tileWidth(level);
        this.firstCol = cover.x() / tileWidth;
        this.lastCol = (cover.right() - 1) / tileWidth;
        this.lastStrip = (cover.bottom() - 1) / stripHeight;
        load(cover.y() / stripHeight);
    }

    @Override
    public int width() { return cover.width(); }

    @Override
    public int height() { return cover.height(); }

    @Override
    public int channels() { return channels; }

    @Override
    public byte[] array(int y) throws IOException {
        int strip = (cover.y() + y) / stripHeight;
        if (strip == currentStrip) return current;
        if (strip == previousStrip) return previous;
        if (strip < currentStrip) throw new IllegalStateException("row " + y + " asked for after a later strip was read");
        load(strip);
        return current;
    }

    @Override
    public int offset(int y) {
        int row = cover.y() + y;
        return (row - top(row / stripHeight)) * cover.width() * channels;
    }

    /** Stops the strip being decoded ahead: the read is over. */
    void cancel() {
        if (ahead != null) ahead.batch().cancel();
        ahead = null;
    }

    /**
     * Makes {@code strip} the current one: finishes it if it was begun ahead (this thread decodes
     * what no helper has taken), else decodes it now; the one above it stays, an older one's
     * buffer is reused. Then begins the next one ahead.
     */
    private void load(int strip) throws IOException {
        Pending pending = ahead;
        ahead = null;
        if (pending != null && pending.strip() != strip) {
            // rows skipped a whole strip (a large reduction with nearest neighbour): helpers may
            // still be writing into its buffer, so that one is dropped, not reused
            pending.batch().cancel();
            pending = null;
        }
        if (strip == currentStrip + 1) {
            if (previous != null) spare = previous;
            previous = current;
            previousStrip = currentStrip;
        } else {
            if (current != null) spare = current;
            previous = null;
            previousStrip = -1;
        }
        current = null;
        currentStrip = -1;
        if (pending == null) pending = begin(strip, false);
        pending.batch().finish();
        current = pending.canvas().pixels();
        currentStrip = strip;
        channels = pending.canvas().channels();
        if (strip < lastStrip) ahead = begin(strip + 1, true);
    }

    /** Hands the tiles of {@code strip} out, pasting into the spare buffer (or a new one). */
    private Pending begin(int strip, boolean inAdvance) {
        int top = top(strip), bottom = Math.min((strip + 1) * stripHeight, cover.bottom());
        Canvas canvas = new Canvas(new Rect(cover.x(), top, cover.width(), bottom - top), spare);
        spare = null;
        List<TileWorkers.Job> jobs = new ArrayList<>(lastCol - firstCol + 1);
        for (int col = firstCol; col <= lastCol; col++) {
            int c = col;
            Rect cell = scale.cell(level, col, strip);
            jobs.add(() -> canvas.paste(tiles.tile(c, strip), cell));
        }
        return new Pending(strip, canvas, workers.start(jobs, inAdvance));
    }

    private int top(int strip) { return Math.max(strip * stripHeight, cover.y()); }
}
