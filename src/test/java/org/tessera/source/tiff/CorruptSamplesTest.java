package org.tessera.source.tiff;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.error.ImageException;
import org.tessera.http.HttpError;
import org.tessera.image.Level;
import org.tessera.testing.ImageIoJpegDecoder;
import org.tessera.testing.SampleTiff;

/**
 * Damaged files of every new layout (16-bit, float with predictor, palette, CIELAB, 6 bands
 * planar, stacks, strips): opening and reading fail only with the reader's clean errors, never
 * with an index, size or arithmetic exception, and never allocate without bound.
 */
class CorruptSamplesTest {
    @TempDir
    Path dir;

    static List<byte[]> goods() {
        int[] map = new int[3 * 16];
        for (int i = 0; i < map.length; i++) map[i] = i * 1000;
        return List.of(
                new SampleTiff().size(70, 50).tile(32, 32).bits(16, 1).deflate(true).predictor(2).samples((p, x, y, c) -> x * 900).write(),
                new SampleTiff().size(70, 50).tile(32, 32).bits(32, 3).deflate(true).predictor(3).channels(3).photometric(2)
                        .samples((p, x, y, c) -> x / 70.0).write(),
                new SampleTiff().size(70, 50).tile(32, 32).bits(4, 1).photometric(3).colorMap(map).samples((p, x, y, c) -> x % 16).write(),
                new SampleTiff().size(70, 50).tile(32, 32).bits(8, 1).channels(3).photometric(8).samples((p, x, y, c) -> x).write(),
                new SampleTiff().size(70, 50).tile(32, 32).bits(16, 2).channels(6).planar(true).samples((p, x, y, c) -> x - 30).write(),
                new SampleTiff().size(70, 50).tile(32, 32).pages(3).samples((p, x, y, c) -> p + x).write(),
                new SampleTiff().size(300, 280).stripped(9).bits(16, 1).deflate(true).samples((p, x, y, c) -> x).write(),
                new SampleTiff().size(300, 280).stripped(280).bits(1, 1).samples((p, x, y, c) -> x % 2).write());
    }

    @Test
    void flippedBytesNeverEscapeAsUncleanErrors() throws IOException {
        List<byte[]> goods = goods();
        Random rnd = new Random(11);
        for (int i = 0; i < 600; i++) {
            byte[] b = goods.get(i % goods.size()).clone();
            int flips = 1 + rnd.nextInt(6);
            for (int k = 0; k < flips; k++) {
                int at = rnd.nextBoolean() ? b.length - 1 - rnd.nextInt(Math.min(b.length, 400)) : rnd.nextInt(b.length);
                b[at] = (byte) rnd.nextInt(256);
            }
            readEverything(b, i);
        }
    }

    @Test
    void truncatedFilesFailCleanly() throws IOException {
        for (byte[] good : goods()) {
            for (int cut = 8; cut < good.length; cut += Math.max(1, good.length / 23)) {
                readEverything(java.util.Arrays.copyOf(good, cut), cut);
            }
        }
    }

    /**
     * A 1-bit tile stores an eighth of a byte a pixel but decodes to a byte: a 2592x65504 tile is
     * 21 MB stored and 170 MB of pixels, refused before either is allocated (it once took 10 s).
     */
    @Test
    void aBilevelTileTooLargeOnceDecodedIsRefusedUpFront() throws IOException {
        Path f = dir.resolve("huge-1bit.tif");
        Files.write(f, new SampleTiff().size(96, 64).tile(2592, 65504).bits(1, 1).deflate(true).samples((p, x, y, c) -> x % 2).write());
        try (TiffImageSource src = TiffImageSource.open(f, new ImageIoJpegDecoder())) {
            TiffFormatException tile = assertThrows(TiffFormatException.class, () -> src.readTile(0, 0, 0, 0));
            assertTrue(tile.getMessage().contains("too large"), tile.getMessage());
            TiffFormatException raster = assertThrows(TiffFormatException.class, () -> src.readRaster(0, 0, 0, 0));
            assertTrue(raster.getMessage().contains("too large"), raster.getMessage());
        }
    }

    private void readEverything(byte[] b, int n) throws IOException {
        Path f = dir.resolve("bad" + n + ".tif");
        Files.write(f, b);
        TiffImageSource src;
        try {
            src = TiffImageSource.open(f, new ImageIoJpegDecoder());
        } catch (IOException | HttpError | ImageException expected) {
            return;
        }
        try (src) {
            for (int page = 0; page < Math.min(3, src.info().pages()); page++) {
                for (int l = 0; l < src.info().levelCount(); l++) {
                    Level level = src.info().levels().get(l);
                    for (int t = 0; t < Math.min(level.tileCount(), 4); t++) {
                        int col = t % level.tilesAcross(), row = t / level.tilesAcross();
                        try {
                            src.readTile(page, l, col, row);
                            src.readRaster(page, l, col, row);
                        } catch (IOException | HttpError | ImageException expected) {
                            // a clean, reportable failure
                        }
                    }
                }
            }
        } finally {
            Files.delete(f);
        }
    }
}
