package org.tessera.pipeline;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.tessera.image.ColourSpace;
import org.tessera.image.ImageInfo;
import org.tessera.image.Level;
import org.tessera.image.PixelImage;
import org.tessera.image.Rect;
import org.tessera.image.SampleFormat;
import org.tessera.source.ImageSource;

/**
 * One level whose every sample is a known function of its position, cut into tiles. A reduced
 * tile at n/8 takes, for each of its pixels, the level pixel under that pixel's centre, and comes
 * back padded to the whole tile size with the value {@link #PADDING} outside the level: what a
 * region read puts together can be predicted exactly, and padding must never show. Tiles can be
 * made to fail, and reads to wait until several threads decode at once.
 */
final class FunctionTileSource implements ImageSource {
    static final int PADDING = 255;

    private final Level level;
    private final int channels;
    private final Set<Integer> reductions;
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final Set<String> threads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger reads = new AtomicInteger();
    private volatile CountDownLatch together = new CountDownLatch(0);

    /** @param reductions the eighths (below 8) it decodes reduced */
    FunctionTileSource(Level level, int channels, Set<Integer> reductions) {
        this.level = level;
        this.channels = channels;
        this.reductions = Set.copyOf(reductions);
    }

    /** The sample of channel c at level pixel (x,y): distinct enough that a misplaced pixel shows. */
    static int value(int x, int y, int c) {
        return (x * 7 + y * 13 + c * 50) % 251;
    }

    /** The level as one image, for expected values. */
    PixelImage levelImage() {
        return image(level.width(), level.height(), (x, y, c) -> value(x, y, c));
    }

    /** The whole level at n/8 as {@link #readTileReduced} samples it, whole scaled pixels only. */
    PixelImage reducedLevel(int eighths) {
        DecodeScale scale = new DecodeScale(eighths);
        return image(scale.extent(level.width()), scale.extent(level.height()),
                (x, y, c) -> value(centre(x, eighths), centre(y, eighths), c));
    }

    /** Tile (col,row) fails with an IOException naming it. */
    void fail(int col, int row) { failing.add(col + "," + row); }

    /** The first {@code parties} reads wait until all of them are in progress at once (or fail after 30 s). */
    void decodeTogether(int parties) { together = new CountDownLatch(parties); }

    int reads() { return reads.get(); }

    /** Names of the threads that read tiles. */
    Set<String> threads() { return threads; }

    @Override
    public ImageInfo info() {
        return new ImageInfo(List.of(level), 1, channels, 8, SampleFormat.UNSIGNED_INT,
                channels == 1 ? ColourSpace.GREY : ColourSpace.SRGB, new double[0], new double[0], Map.of(), 0, 0,
                Instant.parse("2025-01-01T00:00:00Z"));
    }

    @Override
    public PixelImage readTile(int page, int levelIndex, int col, int row) throws IOException {
        enter(col, row);
        Rect cell = level.tileRect(col, row);
        return image(cell.width(), cell.height(), (x, y, c) -> value(cell.x() + x, cell.y() + y, c));
    }

    @Override
    public boolean decodesReduced(int page, int levelIndex, int eighths) {
        return reductions.contains(eighths);
    }

    @Override
    public PixelImage readTileReduced(int page, int levelIndex, int col, int row, int eighths) throws IOException {
        if (!reductions.contains(eighths)) throw new UnsupportedOperationException(eighths + "/8");
        enter(col, row);
        Rect cell = level.tileRect(col, row);
        int w = level.tileWidth() * eighths / 8, h = level.tileHeight() * eighths / 8;
        return image(w, h, (x, y, c) -> {
            int lx = cell.x() + centre(x, eighths), ly = cell.y() + centre(y, eighths);
            return lx < level.width() && ly < level.height() ? value(lx, ly, c) : PADDING;
        });
    }

    @Override
    public void close() {
    }

    /** The level pixel under the centre of scaled pixel i. */
    private static int centre(int i, int eighths) { return (2 * i + 1) * 8 / (2 * eighths); }

    private void enter(int col, int row) throws IOException {
        reads.incrementAndGet();
        threads.add(Thread.currentThread().getName());
        CountDownLatch t = together;
        if (t.getCount() > 0) {
            t.countDown();
            try {
                if (!t.await(30, TimeUnit.SECONDS)) throw new IOException("reads never overlapped");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        if (failing.contains(col + "," + row)) throw new IOException("tile " + col + "," + row + " is corrupt");
    }

    @FunctionalInterface
    private interface Sample {
        int at(int x, int y, int c);
    }

    private PixelImage image(int w, int h, Sample s) {
        byte[] p = new byte[w * h * channels];
        for (int y = 0, i = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < channels; c++) p[i++] = (byte) s.at(x, y, c);
            }
        }
        return new PixelImage(w, h, channels, p);
    }
}
