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
 *
 * <p>A strip keeps its tiles as they were decoded; its rows are pasted together into one buffer
 * only when a row is asked for with {@link #array}. A reader that takes {@link #blocks} instead
 * (the native scaling) copies each tile once, from where it was decoded. The pasted buffers are
 * reused all the way down.
 */
final class TileStrips implements Rows {
    /** A tile of the level at the read's scale, at least as large as its scaled cell. */
    @FunctionalInterface
    interface Tiles {
        PixelImage tile(int col, int row) throws IOException;
    }

    /** A strip whose tiles have been handed out; its rows pasted into one buffer once asked for. */
    private static final class Strip {
        final int index;
        final Rect area;
        final Rect[] cells;
        final PixelImage[] tiles;
        final TileWorkers.Batch batch;
        byte[] pixels;

        Strip(int index, Rect area, Rect[] cells, PixelImage[] tiles, TileWorkers.Batch batch) {
            this.index = index;
            this.area = area;
            this.cells = cells;
            this.tiles = tiles;
            this.batch = batch;
        }
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
    private Strip current;
    private Strip previous;
    private Strip ahead;
    private byte[] spare;

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
        Strip s = strip((cover.y() + y) / stripHeight, y);
        if (s.pixels == null) paste(s);
        return s.pixels;
    }

    @Override
    public int offset(int y) {
        int row = cover.y() + y;
        return (row - top(row / stripHeight)) * cover.width() * channels;
    }

    /** The tiles under rows {@code y0..y1}, as they were decoded: no pasted copy is made. */
    @Override
    public void blocks(int y0, int y1, Block sink) throws IOException {
        int last = (cover.y() + y1) / stripHeight;
        for (int index = (cover.y() + y0) / stripHeight; index <= last; index++) {
            Strip s = strip(index, y0);
            for (int i = 0; i < s.tiles.length; i++) {
                PixelImage tile = s.tiles[i];
                Rect cell = s.cells[i];
                sink.block(tile.pixels(), 0, tile.width() * channels, cell.x() - cover.x(), cell.y() - cover.y(),
                        cell.width(), cell.height());
            }
        }
    }

    /** Stops the strip being decoded ahead: the read is over. */
    void cancel() {
        if (ahead != null) ahead.batch.cancel();
        ahead = null;
    }

    /** The strip {@code index}, decoded if it is the next one; {@code y} only names the row asked for. */
    private Strip strip(int index, int y) throws IOException {
        if (current != null && index == current.index) return current;
        if (previous != null && index == previous.index) return previous;
        if (current != null && index < current.index) {
            throw new IllegalStateException("row " + y + " asked for after a later strip was read");
        }
        load(index);
        return current;
    }

    /**
     * Makes strip {@code index} the current one: finishes it if it was begun ahead (this thread
     * decodes what no helper has taken), else decodes it now; the one above it stays, an older
     * one's pasted buffer is kept for reuse. Then begins the next one ahead.
     */
    private void load(int index) throws IOException {
        Strip pending = ahead;
        ahead = null;
        if (pending != null && pending.index != index) {
            // rows skipped a whole strip (a large reduction with nearest neighbour): its helpers may
            // still be decoding, so it is dropped
            pending.batch.cancel();
            pending = null;
        }
        if (current != null && index == current.index + 1) {
            release(previous);
            previous = current;
        } else {
            release(previous);
            release(current);
            previous = null;
        }
        current = null;
        if (pending == null) pending = begin(index, false);
        pending.batch.finish();
        channels = pending.tiles[0].channels();
        for (PixelImage t : pending.tiles) {
            if (t.channels() != channels) throw new IllegalStateException("a tile has " + t.channels() + " channels, the others " + channels);
        }
        current = pending;
        if (index < lastStrip) ahead = begin(index + 1, true);
    }

    private void release(Strip s) {
        if (s != null && s.pixels != null) spare = s.pixels;
    }

    /** Hands the tiles of strip {@code index} out, each decoded into its own slot. */
    private Strip begin(int index, boolean inAdvance) {
        int top = top(index), bottom = Math.min((index + 1) * stripHeight, cover.bottom());
        int n = lastCol - firstCol + 1;
        Rect[] cells = new Rect[n];
        PixelImage[] decoded = new PixelImage[n];
        List<TileWorkers.Job> jobs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int slot = i, col = firstCol + i;
            cells[i] = scale.cell(level, col, index);
            jobs.add(() -> decoded[slot] = tiles.tile(col, index));
        }
        return new Strip(index, new Rect(cover.x(), top, cover.width(), bottom - top), cells, decoded,
                workers.start(jobs, inAdvance));
    }

    /** Pastes a strip's tiles into one buffer (a spare one when there is one). */
    private void paste(Strip s) {
        Canvas canvas = new Canvas(s.area, spare);
        spare = null;
        for (int i = 0; i < s.tiles.length; i++) canvas.paste(s.tiles[i], s.cells[i]);
        s.pixels = canvas.pixels();
    }

    private int top(int index) { return Math.max(index * stripHeight, cover.y()); }
}
