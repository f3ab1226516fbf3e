package org.tessera.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tessera.cache.DecodedTileCache;
import org.tessera.cache.TileKey;
import org.tessera.image.Level;
import org.tessera.image.PixelImage;
import org.tessera.image.Rect;

class RegionReaderTest {
    /** Neither a multiple of the tile nor of 8: edge tiles are partial, and at n/8 end inside a scaled pixel. */
    private static final Level LEVEL = new Level(1003, 701, 128, 64);
    private static final Set<Integer> ALL = Set.of(1, 2, 3, 4, 5, 6, 7);

    private static RegionReader reader(int cores) {
        return new RegionReader(new DecodedTileCache(0), cores);
    }

    /** Every row the resampler could ask for, gathered into one image. */
    private static PixelImage gather(RegionRows region) throws IOException {
        Rows rows = region.rows();
        int rowBytes = rows.width() * rows.channels();
        byte[] out = new byte[rowBytes * rows.height()];
        for (int y = 0; y < rows.height(); y++) System.arraycopy(rows.array(y), rows.offset(y), out, y * rowBytes, rowBytes);
        return new PixelImage(rows.width(), rows.height(), rows.channels(), out);
    }

    @ParameterizedTest
    @CsvSource({"0,0,1003,701", "100,30,500,300", "896,640,107,61", "1000,700,3,1", "127,63,2,2", "0,0,128,64"})
    void aWholeReadIsTheLevelsPixelsSerialOrParallel(int x, int y, int w, int h) throws IOException {
        Rect region = new Rect(x, y, w, h);
        PixelImage expected = new FunctionTileSource(LEVEL, 3, Set.of()).levelImage().crop(region);
        try (RegionReader serial = reader(1); RegionReader parallel = reader(4)) {
            FunctionTileSource source = new FunctionTileSource(LEVEL, 3, Set.of());
            assertArrayEquals(expected.pixels(), serial.read(source, "f", 0, 0, region, false).pixels());
            assertArrayEquals(expected.pixels(), parallel.read(source, "f", 0, 0, region, false).pixels());
        }
    }

    @ParameterizedTest
    @CsvSource({"8,0,0,1003,701", "4,0,0,1003,701", "2,100,30,500,300", "1,0,0,1003,701", "3,896,640,107,61",
            "7,5,3,1000,690", "4,130,70,100,50", "5,0,0,128,64", "6,1,1,1001,699"})
    void rowsAtAScaleAreTheLevelAtThatScaleWithoutPadding(int eighths, int x, int y, int w, int h) throws IOException {
        Rect region = new Rect(x, y, w, h);
        DecodeScale scale = new DecodeScale(eighths);
        FunctionTileSource source = new FunctionTileSource(LEVEL, 3, ALL);
        PixelImage level = eighths == 8 ? source.levelImage() : source.reducedLevel(eighths);
        Rect cover = scale.cover(region, LEVEL);
        PixelImage expected = level.crop(cover);
        for (int cores : new int[] {1, 4}) {
            try (RegionReader reader = reader(cores);
                 RegionRows rows = reader.rows(source, "f", 0, 0, region, scale, false, 0)) {
                assertEquals(scale.window(region, LEVEL), rows.window());
                PixelImage got = gather(rows);
                assertEquals(expected.width(), got.width());
                assertEquals(expected.height(), got.height());
                assertArrayEquals(expected.pixels(), got.pixels(), "cores " + cores);
            }
        }
    }

    @Test
    void tilesOfARegionAreDecodedOnSeveralThreadsWhenCoresAreIdle() throws IOException {
        FunctionTileSource source = new FunctionTileSource(LEVEL, 3, ALL);
        source.decodeTogether(2); // the first two reads each wait for the other: fails unless they overlap
        Rect region = new Rect(0, 0, 1003, 701);
        try (RegionReader reader = reader(2)) {
            assertArrayEquals(source.levelImage().pixels(), reader.read(source, "f", 0, 0, region, false).pixels());
            assertTrue(source.threads().size() >= 2, "read on " + source.threads());
            source.decodeTogether(2);
            try (RegionRows rows = reader.rows(source, "f", 0, 0, region, new DecodeScale(2), false, 0)) {
                assertArrayEquals(source.reducedLevel(2).crop(new DecodeScale(2).cover(region, LEVEL)).pixels(),
                        gather(rows).pixels());
            }
        }
    }

    @Test
    void theNextStripIsDecodedAheadWhileTheCurrentOneIsRead() throws Exception {
        FunctionTileSource source = new FunctionTileSource(LEVEL, 3, Set.of());
        try (RegionReader reader = reader(2);
             RegionRows rows = reader.rows(source, "f", 0, 0, new Rect(0, 0, 1003, 701), DecodeScale.FULL, false, 0)) {
            // strip 0 (8 tiles) is read; strip 1 follows on a helper without a row of it asked for
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (source.reads() < 16 && System.nanoTime() < deadline) Thread.sleep(5);
            assertEquals(16, source.reads());
            assertTrue(source.threads().stream().anyMatch(t -> t.startsWith("tile-decode")), "" + source.threads());
            assertArrayEquals(source.levelImage().pixels(), gather(rows).pixels());
            assertEquals(8 * 11, source.reads(), "every tile once");
        }
    }

    @Test
    void withAsManyReadsAsCoresATileIsDecodedOnTheReadersOwnThread() throws IOException {
        FunctionTileSource source = new FunctionTileSource(LEVEL, 1, Set.of());
        try (RegionReader reader = reader(2);
             RegionRows other = reader.rows(source, "f", 0, 0, new Rect(0, 0, 10, 10), DecodeScale.FULL, false, 0)) {
            // one read still open: with two cores the next one has no idle core to use
            reader.read(source, "f", 0, 0, new Rect(0, 0, 1003, 701), false);
            assertEquals(Set.of(Thread.currentThread().getName()), source.threads());
        }
    }

    @Test
    void aFailingTileFailsTheReadWithItsIOException() throws IOException {
        for (int cores : new int[] {1, 4}) {
            FunctionTileSource source = new FunctionTileSource(LEVEL, 3, ALL);
            source.fail(3, 5);
            try (RegionReader reader = reader(cores)) {
                IOException whole = assertThrows(IOException.class,
                        () -> reader.read(source, "f", 0, 0, new Rect(0, 0, 1003, 701), false));
                assertEquals("tile 3,5 is corrupt", whole.getMessage());
                IOException streamed = assertThrows(IOException.class, () -> {
                    try (RegionRows rows = reader.rows(source, "f", 0, 0, new Rect(0, 0, 1003, 701), new DecodeScale(4), false, 0)) {
                        gather(rows);
                    }
                });
                assertEquals("tile 3,5 is corrupt", streamed.getMessage());
                // the reader is still usable, and a failed read no longer counts as in progress
                assertEquals(10, reader.read(source, "f", 0, 0, new Rect(0, 0, 10, 10), false).width());
            }
        }
    }

    @Test
    void aFailureInTheFirstStripFailsAtOnce() {
        FunctionTileSource source = new FunctionTileSource(LEVEL, 3, ALL);
        source.fail(0, 0);
        try (RegionReader reader = reader(4)) {
            assertThrows(IOException.class, () -> reader.rows(source, "f", 0, 0, new Rect(0, 0, 600, 600), DecodeScale.FULL, false, 0));
        }
    }

    @Test
    void oneTileIsUsedInPlace() throws IOException {
        FunctionTileSource source = new FunctionTileSource(LEVEL, 3, ALL);
        DecodedTileCache cache = new DecodedTileCache(10_000_000);
        try (RegionReader reader = new RegionReader(cache, 4);
             RegionRows rows = reader.rows(source, "f", 0, 0, new Rect(140, 70, 50, 40), new DecodeScale(4), true, 0)) {
            PixelImage tile = cache.get(new TileKey("f", 0, 0, 1, 1, source.info().lastModified().toEpochMilli(), 0, 4)).orElseThrow();
            assertSame(tile.pixels(), rows.rows().array(0), "a view of the decoded tile, not a copy");
            assertEquals(new Rect(70, 35, 25, 20), new DecodeScale(4).cover(new Rect(140, 70, 50, 40), LEVEL));
            assertArrayEquals(source.reducedLevel(4).crop(new Rect(70, 35, 25, 20)).pixels(), gather(rows).pixels());
        }
    }

    @Test
    void reducedTilesAreCachedApartFromFullOnes() throws IOException {
        FunctionTileSource source = new FunctionTileSource(LEVEL, 3, ALL);
        DecodedTileCache cache = new DecodedTileCache(100_000_000);
        Rect region = new Rect(0, 0, 300, 200);
        try (RegionReader reader = new RegionReader(cache, 1)) {
            try (RegionRows rows = reader.rows(source, "f", 0, 0, region, new DecodeScale(2), true, 0)) {
                gather(rows);
            }
            int afterReduced = source.reads();
            reader.read(source, "f", 0, 0, region, true);
            assertEquals(2 * afterReduced, source.reads(), "full tiles decoded: the reduced ones are not them");
            try (RegionRows rows = reader.rows(source, "f", 0, 0, region, new DecodeScale(2), true, 0)) {
                gather(rows);
            }
            assertEquals(2 * afterReduced, source.reads(), "reduced tiles from the cache");
        }
    }

    @Test
    void rowsAskedForAboveTheStripsHeldAreRefused() throws IOException {
        FunctionTileSource source = new FunctionTileSource(LEVEL, 1, Set.of());
        try (RegionReader reader = reader(1);
             RegionRows rows = reader.rows(source, "f", 0, 0, new Rect(0, 0, 300, 300), DecodeScale.FULL, false, 0)) {
            rows.rows().array(0);
            rows.rows().array(64);  // second strip: the first stays
            rows.rows().array(63);
            rows.rows().array(130); // third: the first is gone
            assertThrows(IllegalStateException.class, () -> rows.rows().array(10));
        }
    }

    @Test
    void aClosedReaderStillReadsOnItsOwnThread() throws IOException {
        FunctionTileSource source = new FunctionTileSource(LEVEL, 3, Set.of());
        RegionReader reader = reader(4);
        reader.read(source, "f", 0, 0, new Rect(0, 0, 1003, 701), false);
        reader.close();
        source.threads().clear();
        assertArrayEquals(source.levelImage().pixels(), reader.read(source, "f", 0, 0, new Rect(0, 0, 1003, 701), false).pixels());
        assertEquals(Set.of(Thread.currentThread().getName()), source.threads());
    }
}
