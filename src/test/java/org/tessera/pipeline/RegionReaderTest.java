package org.tessera.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tessera.cache.TileCache;
import org.tessera.codec.TurboJpeg;
import org.tessera.codec.TurboJpegDecoder;
import org.tessera.image.Level;
import org.tessera.image.PixelImage;
import org.tessera.image.Rect;
import org.tessera.source.tiff.TiffImageSource;

/** Region reading from the real JPEG-tiled sample pyramid: compositing, DCT-scaled decoding, parallel decoding. */
class RegionReaderTest {
    private static final Path SAMPLE = Path.of("test-images/tessera-sample.tif");
    private static TurboJpeg turbo;
    private static TiffImageSource source;

    @BeforeAll
    static void open() throws IOException {
        turbo = TurboJpeg.load();
        source = TiffImageSource.open(SAMPLE, new TurboJpegDecoder(turbo));
    }

    @AfterAll
    static void close() throws IOException {
        source.close();
        turbo.close();
    }

    /** The region composed here from whole decoded tiles, pixel by pixel. */
    private static PixelImage expectedRegion(int levelIndex, Rect region) throws IOException {
        Level level = source.info().levels().get(levelIndex);
        PixelImage out = PixelImage.blank(region.width(), region.height(), 3);
        java.util.Map<Integer, PixelImage> tiles = new java.util.HashMap<>();
        for (int y = 0; y < region.height(); y++) {
            for (int x = 0; x < region.width(); x++) {
                int lx = region.x() + x, ly = region.y() + y;
                int col = lx / level.tileWidth(), row = ly / level.tileHeight();
                PixelImage tile = tiles.get(row * 1000 + col);
                if (tile == null) {
                    tile = source.readTile(0, levelIndex, col, row);
                    tiles.put(row * 1000 + col, tile);
                }
                for (int c = 0; c < 3; c++) {
                    out.pixels()[(y * region.width() + x) * 3 + c] = (byte) tile.sample(lx - col * level.tileWidth(), ly - row * level.tileHeight(), c);
                }
            }
        }
        return out;
    }

    @Test
    void fullSizeRegionIsTheTilesComposited() throws IOException {
        Rect region = new Rect(200, 130, 700, 420); // crosses 4x3 tiles of level 0
        PixelImage got = new RegionReader(new TileCache(0), 1).read(source, "s", 0, 0, region, false);
        assertEquals(700, got.width());
        assertEquals(420, got.height());
        assertArrayEquals(expectedRegion(0, region).pixels(), got.pixels());
    }

    @Test
    void parallelDecodingGivesTheSameBytes() throws IOException {
        Rect region = new Rect(0, 0, 3000, 2000); // every tile of the full level, edge tiles included
        PixelImage sequential = new RegionReader(new TileCache(0), 1).read(source, "s", 0, 0, region, 3000, 2000, false);
        PixelImage parallel = new RegionReader(new TileCache(0), 4).read(source, "s", 0, 0, region, 3000, 2000, false);
        assertArrayEquals(sequential.pixels(), parallel.pixels());
        PixelImage scaledSeq = new RegionReader(new TileCache(0), 1).read(source, "s", 0, 0, region, 1000, 660, false);
        PixelImage scaledPar = new RegionReader(new TileCache(0), 4).read(source, "s", 0, 0, region, 1000, 660, false);
        assertArrayEquals(scaledSeq.pixels(), scaledPar.pixels());
    }

    @Test
    void smallerOutputDecodesReducedButNeverBelowIt() throws IOException {
        Rect region = new Rect(100, 100, 2400, 1600);
        PixelImage full = new RegionReader(new TileCache(0), 1).read(source, "s", 0, 0, region, false);
        // 1000x660 wanted: 3/8 gives 900 wide, so 4/8 (1200x800) is the smallest that is enough
        PixelImage got = new RegionReader(new TileCache(0), 2).read(source, "s", 0, 0, region, 1000, 660, false);
        assertEquals(1200, got.width());
        assertEquals(800, got.height());
        // every reduced pixel is close to the mean of the 2x2 full-size pixels it stands for
        int worst = 0;
        long total = 0;
        for (int y = 0; y < got.height(); y++) {
            for (int x = 0; x < got.width(); x++) {
                for (int c = 0; c < 3; c++) {
                    int mean = (full.sample(2 * x, 2 * y, c) + full.sample(2 * x + 1, 2 * y, c) + full.sample(2 * x, 2 * y + 1, c)
                            + full.sample(2 * x + 1, 2 * y + 1, c) + 2) / 4;
                    int d = Math.abs(got.sample(x, y, c) - mean);
                    worst = Math.max(worst, d);
                    total += d;
                }
            }
        }
        double average = (double) total / (got.width() * got.height() * 3);
        assertTrue(average < 2.0, "mean difference " + average);
        assertTrue(worst < 48, "largest difference " + worst);
    }

    @Test
    void scaledAndFullTilesAreCachedApart() throws IOException {
        TileCache cache = new TileCache(64L << 20);
        RegionReader reader = new RegionReader(cache, 1);
        Rect region = new Rect(0, 0, 1024, 512);
        PixelImage half = reader.read(source, "s", 0, 0, region, 500, 250, true);
        assertEquals(512, half.width());
        PixelImage full = reader.read(source, "s", 0, 0, region, true);
        assertEquals(1024, full.width());
        assertArrayEquals(expectedRegion(0, region).pixels(), full.pixels());
        assertArrayEquals(half.pixels(), reader.read(source, "s", 0, 0, region, 500, 250, true).pixels());
        assertTrue(cache.stats().hits() > 0);
    }

    @Test
    void eighthsPicksTheSmallestSufficientScale() {
        Level level = new Level(3000, 2000, 256, 256);
        Rect region = new Rect(0, 0, 2400, 1600);
        assertEquals(8, RegionReader.eighths(source, 0, 0, level, region, 2400, 1600));
        assertEquals(7, RegionReader.eighths(source, 0, 0, level, region, 2000, 1000));
        assertEquals(4, RegionReader.eighths(source, 0, 0, level, region, 1200, 800), "exactly half: no resize left to do");
        assertEquals(1, RegionReader.eighths(source, 0, 0, level, region, 300, 200));
        assertEquals(new Rect(12, 12, 301, 201), RegionReader.scaled(new Rect(100, 100, 2400, 1600), 1, level));
    }
}
