package org.tessera.source.jp2;

import static org.junit.jupiter.api.Assertions.*;
import static org.tessera.source.jp2.Jp2Fixtures.*;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tessera.error.InvalidRequestException;
import org.tessera.image.Level;
import org.tessera.image.PixelImage;
import org.tessera.image.Rect;

/**
 * JPEG 2000 files of several tilings, resolutions, layers and containers, made by opj_compress
 * (and ojph_compress for HTJ2K): every tile of every level equals the same area of
 * opj_decompress's decode of the whole level, and lossless full-resolution tiles equal the
 * picture the test wrote.
 */
class Jp2ImageSourceTest {
    @TempDir
    static Path dir;
    static PixelImage rgb;
    static PixelImage grey;
    static Path rgbPpm;
    static Path greyPgm;

    @BeforeAll
    static void setUp() throws IOException {
        rgb = picture(700, 450, 3);
        grey = picture(530, 300, 1);
        rgbPpm = writePnm(rgb, dir.resolve("rgb.ppm"));
        greyPgm = writePnm(grey, dir.resolve("grey.pgm"));
    }

    /** Every tile of every level against opj_decompress of the whole level; returns the file. */
    static void assertTilesMatchReference(Path file, PixelImage original, int resolutions) throws IOException {
        try (Jp2ImageSource src = open(file, -1)) {
            assertEquals(resolutions, src.resolutions());
            int served = 1;
            while (served < resolutions && (Math.ceilDiv(original.width(), 1 << (served - 1)) > 256
                    || Math.ceilDiv(original.height(), 1 << (served - 1)) > 256)) {
                served++;
            }
            assertEquals(served, src.info().levelCount(), "levels down to the first that fits in a tile");
            assertEquals(original.width(), src.info().width());
            assertEquals(original.height(), src.info().height());
            for (int level = 0; level < served; level++) {
                PixelImage reference = opjDecompress(file, dir, level, 0);
                Level l = src.info().levels().get(level);
                assertEquals(reference.width(), l.width(), "level " + level + " width");
                assertEquals(reference.height(), l.height(), "level " + level + " height");
                for (int row = 0; row < l.tilesDown(); row++) {
                    for (int col = 0; col < l.tilesAcross(); col++) {
                        Rect cell = l.tileRect(col, row);
                        PixelImage tile = src.readTile(0, level, col, row);
                        assertEquals(0, maxDifference(reference.crop(cell), tile), "level " + level + " tile " + col + "," + row);
                        if (level == 0) assertEquals(0, maxDifference(original.crop(cell), tile), "lossless tile " + col + "," + row);
                    }
                }
            }
        }
    }

    @Test
    void tiledCodestream() throws IOException {
        Path file = opjCompress(rgbPpm, dir.resolve("tiled.jp2"), "-t", "256,256", "-n", "4");
        assertTilesMatchReference(file, rgb, 4);
    }

    @Test
    void tilePartsByResolutionWithTlmAndPltMarkers() throws IOException {
        Path file = opjCompress(rgbPpm, dir.resolve("tlm.jp2"), "-t", "128,128", "-n", "4", "-TP", "R", "-TLM", "-PLT",
                "-SOP", "-EPH");
        assertTilesMatchReference(file, rgb, 4);
    }

    @Test
    void oddTilesNotAlignedWithTheServedGrid() throws IOException {
        Path file = opjCompress(rgbPpm, dir.resolve("odd-tiles.jp2"), "-t", "200,150", "-n", "3");
        assertTilesMatchReference(file, rgb, 3);
    }

    @Test
    void singleTileWithPrecincts() throws IOException {
        Path file = opjCompress(rgbPpm, dir.resolve("precincts.jp2"), "-n", "5", "-c", "[128,128],[64,64]", "-b", "32,32", "-p", "RPCL");
        assertTilesMatchReference(file, rgb, 5);
    }

    @Test
    void rawCodestreamGrey() throws IOException {
        Path file = opjCompress(greyPgm, dir.resolve("grey.j2k"), "-n", "3");
        assertTilesMatchReference(file, grey, 3);
    }

    @Test
    void imageOffsetOnTheReferenceGrid() throws IOException {
        Path file = opjCompress(rgbPpm, dir.resolve("offset.j2k"), "-d", "37,11", "-n", "4", "-t", "256,256", "-T", "5,3");
        assertTilesMatchReference(file, rgb, 4);
    }

    @Test
    void htj2kCodestream() throws IOException {
        Path file = ojphCompress(rgbPpm, dir.resolve("ht.j2c"), "-reversible", "true", "-num_decomps", "4");
        try (Jp2ImageSource src = open(file, -1)) {
            assertTrue(src.highThroughput());
        }
        assertTilesMatchReference(file, rgb, 5);
    }

    @Test
    void tiledHtj2kCodestream() throws IOException {
        Path file = ojphCompress(rgbPpm, dir.resolve("ht-tiled.j2c"), "-reversible", "true", "-num_decomps", "3",
                "-tile_size", "{200,128}");
        assertTilesMatchReference(file, rgb, 4);
    }

    @Test
    void lossyLevelsMatchTheReferenceDecoder() throws IOException {
        Path file = opjCompress(rgbPpm, dir.resolve("lossy.jp2"), "-I", "-r", "20", "-n", "4", "-t", "512,512");
        try (Jp2ImageSource src = open(file, -1)) {
            for (int level = 0; level < src.info().levelCount(); level++) {
                PixelImage reference = opjDecompress(file, dir, level, 0);
                Level l = src.info().levels().get(level);
                for (int row = 0; row < l.tilesDown(); row++) {
                    for (int col = 0; col < l.tilesAcross(); col++) {
                        PixelImage tile = src.readTile(0, level, col, row);
                        // the 9/7 wavelet decoded over a window rounds like the whole-image decode, give or take one
                        assertTrue(maxDifference(reference.crop(l.tileRect(col, row)), tile) <= 1, "level " + level);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"-1, 0, 3", "0, 0, 2", "1, 0, 1", "2, 0, 2", "-1, 1, 1", "-1, 2, 2", "2, 3, 2", "-1, 9, 3"})
    void qualityLayersFollowMaxLayersAndTheRequest(int maxLayers, int requested, int expected) throws IOException {
        Path file = dir.resolve("layers.jp2");
        if (!file.toFile().exists()) opjCompress(rgbPpm, file, "-r", "80,20,1", "-n", "3");
        try (Jp2ImageSource src = open(file, maxLayers)) {
            assertEquals(3, src.qualityLayers());
            assertEquals(expected, src.layersFor(requested));
            PixelImage reference = opjDecompress(file, dir, 0, expected);
            Level l = src.info().levels().get(0);
            PixelImage tile = src.readTile(0, 0, 1, 1, requested);
            assertEquals(0, maxDifference(reference.crop(l.tileRect(1, 1)), tile));
            if (expected < 3) assertNotEquals(0, maxDifference(rgb.crop(l.tileRect(1, 1)), tile), "fewer layers lose detail");
            else assertEquals(0, maxDifference(rgb.crop(l.tileRect(1, 1)), tile), "all layers of a lossless file");
        }
    }

    @Test
    void regionsSpanningTilesDecodeInOneCallWithThreads() throws IOException {
        Path file = opjCompress(rgbPpm, dir.resolve("region.jp2"), "-t", "128,128", "-n", "3");
        try (Jp2ImageSource src = open(file, -1)) {
            Rect region = new Rect(33, 17, 600, 400);
            assertEquals(0, maxDifference(rgb.crop(region), src.decodeRegion(0, 0, region, 0)));
            PixelImage half = opjDecompress(file, dir, 1, 0);
            Rect r1 = new Rect(0, 0, 350, 225);
            assertEquals(0, maxDifference(half.crop(r1), src.decodeRegion(0, 1, r1, 0)));
        }
    }

    @Test
    void aTileReadsOnlyItsPartOfATiledCodestream() throws IOException {
        PixelImage big = picture(2048, 1536, 3);
        Path file = opjCompress(writePnm(big, dir.resolve("big.ppm")), dir.resolve("big-tiled.jp2"), "-t", "256,256", "-n", "5");
        long size = java.nio.file.Files.size(file);
        try (CountingChannel ch = new CountingChannel(java.nio.channels.FileChannel.open(file))) {
            Jp2ImageSource src = Jp2ImageSource.open(ch, Jp2Fixtures.openJpeg(), java.time.Instant.EPOCH, -1, 1);
            long before = ch.bytesRead.get();
            Level full = src.info().levels().get(0);
            PixelImage tile = src.readTile(0, 0, 5, 3);
            assertEquals(0, maxDifference(big.crop(full.tileRect(5, 3)), tile));
            long read = ch.bytesRead.get() - before;
            // one of 48 codestream tiles, plus the main header and the read-ahead buffer
            assertTrue(read < size / 8, "read " + read + " of " + size + " bytes for one tile");
        }
    }

    @Test
    void requestsOutsideTheImageAreRefused() throws IOException {
        Path file = opjCompress(rgbPpm, dir.resolve("refuse.jp2"), "-n", "2");
        try (Jp2ImageSource src = open(file, -1)) {
            assertThrows(InvalidRequestException.class, () -> src.readTile(0, 2, 0, 0));
            assertThrows(InvalidRequestException.class, () -> src.readTile(1, 0, 0, 0));
            assertThrows(InvalidRequestException.class, () -> src.readTile(0, 0, 3, 0));
            assertThrows(InvalidRequestException.class, () -> src.decodeRegion(0, 0, new Rect(600, 0, 101, 10), 0));
        }
    }
}
