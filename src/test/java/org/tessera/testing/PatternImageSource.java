package org.tessera.testing;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.tessera.format.OutputFormat;
import org.tessera.source.ImageSource;
import org.tessera.source.StoredTile;
import org.tessera.source.StoredTileSource;

/**
 * An in-memory pyramid of {@link TestPattern}: level i is the full size / 2^i (integer division),
 * sampled from the full-resolution pattern, cut into tiles with cropped edges. Counts reads, can
 * offer stored JPEG tiles, can be slowed down or made to fail.
 */
public final class PatternImageSource implements ImageSource, StoredTileSource {
    private final int width, height, tile, channels;
    private final List<Level> levels = new ArrayList<>();
    private final Map<Integer, PixelImage> levelImages = new ConcurrentHashMap<>();
    private final Map<String, byte[]> storedJpegs = new ConcurrentHashMap<>();
    private final AtomicInteger readTileCalls = new AtomicInteger();
    private final AtomicInteger storedJpegCalls = new AtomicInteger();
    private volatile Instant lastModified = Instant.parse("2025-01-01T00:00:00Z");
    private volatile CountDownLatch gate;         // readTile waits on it when set
    private volatile CountDownLatch entered;      // counted down when a readTile starts
    private volatile boolean failing;

    public PatternImageSource(int width, int height, int tile, int channels) {
        this.width = width;
        this.height = height;
        this.tile = tile;
        this.channels = channels;
        int w = width, h = height;
        while (true) {
            levels.add(new Level(w, h, tile, tile));
            if (w <= tile && h <= tile) break;
            w = Math.max(1, w / 2);
            h = Math.max(1, h / 2);
        }
    }

    @Override
    public ImageInfo info() {
        return new ImageInfo(levels, 1, channels, 8, SampleFormat.UNSIGNED_INT,
                channels == 1 ? ColourSpace.GREY : ColourSpace.SRGB, new double[0], new double[0], Map.of(), 0, 0,
                lastModified);
    }

    /** The whole level as the source holds it (for expected values). */
    public PixelImage levelImage(int level) {
        return levelImages.computeIfAbsent(level, i -> {
            Level l = levels.get(i);
            PixelImage img = PixelImage.blank(l.width(), l.height(), channels);
            byte[] p = img.pixels();
            int k = 0;
            for (int y = 0; y < l.height(); y++) {
                int fy = (int) ((y + 0.5) * height / l.height());
                for (int x = 0; x < l.width(); x++) {
                    int fx = (int) ((x + 0.5) * width / l.width());
                    if (channels == 1) {
                        p[k++] = (byte) TestPattern.grey(fx, fy);
                    } else {
                        int[] c = TestPattern.rgb(fx, fy);
                        for (int j = 0; j < 3; j++) p[k++] = (byte) c[j];
                    }
                }
            }
            return img;
        });
    }

    @Override
    public PixelImage readTile(int page, int level, int col, int row) throws IOException {
        readTileCalls.incrementAndGet();
        CountDownLatch e = entered;
        if (e != null) e.countDown();
        CountDownLatch g = gate;
        if (g != null) {
            try {
                if (!g.await(30, TimeUnit.SECONDS)) throw new IOException("test gate never opened");
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }
        if (failing) throw new IOException("corrupt tile in /secret/path/image.tif");
        Rect r = levels.get(level).tileRect(col, row);
        return levelImage(level).crop(r);
    }

    @Override
    public Optional<StoredTile> storedTile(int page, int level, int col, int row, java.util.function.IntFunction<byte[]> arrays) {
        storedJpegCalls.incrementAndGet();
        Rect cell = info().levels().get(level).tileRect(col, row);
        return Optional.ofNullable(storedJpegs.get(level + "/" + col + "/" + row)).map(j -> {
            byte[] into = arrays.apply(j.length);
            System.arraycopy(j, 0, into, 0, j.length);
            return new StoredTile(OutputFormat.JPEG, into, j.length, cell.width(), cell.height(), cell.width(), cell.height());
        });
    }

    public void offerStoredJpeg(int level, int col, int row, byte[] jpeg) {
        storedJpegs.put(level + "/" + col + "/" + row, jpeg.clone());
    }

    public int readTileCalls() { return readTileCalls.get(); }

    public int storedJpegCalls() { return storedJpegCalls.get(); }

    public void touch(Instant mtime) { lastModified = mtime; }

    /** Makes readTile block until the returned latch is opened; {@code started} counts entries. */
    public CountDownLatch slowDown(CountDownLatch started) {
        CountDownLatch g = new CountDownLatch(1);
        entered = started;
        gate = g;
        return g;
    }

    public void failReads(boolean fail) { failing = fail; }

    public int width() { return width; }

    public int height() { return height; }

    public int tileSize() { return tile; }

    @Override
    public void close() {
    }
}
