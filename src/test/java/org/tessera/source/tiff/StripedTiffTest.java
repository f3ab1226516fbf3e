package org.tessera.source.tiff;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.image.Level;
import org.tessera.image.PixelImage;
import org.tessera.image.SampleRaster;
import org.tessera.testing.ImageIoJpegDecoder;
import org.tessera.testing.SampleTiff;

/** Striped TIFFs served through virtual 256-pixel tiles and halved virtual levels. */
class StripedTiffTest {
    static final ImageIoJpegDecoder DECODER = new ImageIoJpegDecoder();
    static final int W = 700, H = 530;

    @TempDir
    Path dir;

    static int rgb(int x, int y, int c) { return (x * (c + 1) + y * 3) % 256; }

    @Test
    void virtualLevelsHalveUntilOneTile() throws IOException {
        try (TiffImageSource src = TiffImageSource.open(new SampleTiff().size(W, H).stripped(16).channels(3).photometric(2)
                .samples((p, x, y, c) -> rgb(x, y, c)).write(dir.resolve("s.tif")), DECODER)) {
            assertEquals(List.of(new Level(700, 530, 256, 256), new Level(350, 265, 256, 256), new Level(175, 133, 256, 256)),
                    src.info().levels());
        }
    }

    /**
     * Strips go through the general decompressors only; strips for a tile codec (CCITT, JPEG,
     * old-style JPEG, WebP) are refused by name, whatever the samples (an RGB CCITT file once
     * reached the tiled path and divided by its zero tile width).
     */
    @Test
    void stripsOfTileCodecsAreRefusedCleanly() throws IOException {
        int[][] layouts = {{4, 1, 1}, {4, 1, 3}, {3, 1, 1}, {2, 1, 3}, {6, 8, 3}, {7, 8, 3}, {7, 8, 6}, {50001, 8, 3}};
        for (int[] c : layouts) {
            Path f = new SampleTiff().size(300, 40).stripped(40).bits(c[1], 1).channels(c[2]).photometric(c[2] >= 3 ? 2 : 1)
                    .shortTag(259, c[0]).samples((p, x, y, ch) -> x % 2).write(dir.resolve("c" + c[0] + "-" + c[2] + ".tif"));
            try (TiffImageSource src = TiffImageSource.open(f, DECODER)) {
                for (int level = 0; level < src.info().levelCount(); level++) {
                    int at = level;
                    var tile = assertThrows(org.tessera.error.UnsupportedImageException.class, () -> src.readTile(0, at, 0, 0));
                    assertEquals("striped TIFF with compression " + c[0] + " not supported: store the image tiled", tile.getMessage());
                    assertThrows(org.tessera.error.UnsupportedImageException.class, () -> src.readRaster(0, at, 0, 0));
                    assertTrue(src.storedTile(0, at, 0, 0).isEmpty());
                }
            }
        }
    }

    @Test
    void everyVirtualTileMatchesTheStoredPixels() throws IOException {
        for (boolean deflate : new boolean[] {false, true}) {
            for (boolean planar : new boolean[] {false, true}) {
                SampleTiff t = new SampleTiff().size(W, H).stripped(planar ? 7 : 16).channels(3).photometric(2).planar(planar)
                        .deflate(deflate).predictor(deflate ? 2 : 1).samples((p, x, y, c) -> rgb(x, y, c));
                try (TiffImageSource src = TiffImageSource.open(t.write(dir.resolve("s" + deflate + planar + ".tif")), DECODER)) {
                    for (int level = 0; level < src.info().levelCount(); level++) {
                        Level l = src.info().levels().get(level);
                        int f = 1 << level;
                        for (int row = 0; row < l.tilesDown(); row++) {
                            for (int col = 0; col < l.tilesAcross(); col++) {
                                PixelImage tile = src.readTile(0, level, col, row);
                                assertEquals(l.tileRect(col, row).width(), tile.width());
                                for (int y = 0; y < tile.height(); y += 5) {
                                    for (int x = 0; x < tile.width(); x += 3) {
                                        int sx = Math.min((col * 256 + x) * f, W - 1), sy = Math.min((row * 256 + y) * f, H - 1);
                                        for (int c = 0; c < 3; c++) {
                                            assertEquals(rgb(sx, sy, c), tile.sample(x, y, c),
                                                    "deflate=" + deflate + " planar=" + planar + " level " + level + " tile " + col + "," + row);
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void sixteenBitAndOneBitStrips() throws IOException {
        SampleTiff t16 = new SampleTiff().order(ByteOrder.BIG_ENDIAN).size(W, H).stripped(33).bits(16, 1)
                .samples((p, x, y, c) -> x * 90 + y);
        try (TiffImageSource src = TiffImageSource.open(t16.write(dir.resolve("s16.tif")), DECODER)) {
            SampleRaster r = src.readRaster(0, 1, 1, 0);
            assertEquals((256 + 10) * 2 * 90 + 7 * 2, r.sample(10, 7, 0), 0);
        }
        SampleTiff t1 = new SampleTiff().size(W, H).stripped(H).bits(1, 1).samples((p, x, y, c) -> (x / 3 + y) % 2);
        try (TiffImageSource src = TiffImageSource.open(t1.write(dir.resolve("s1.tif")), DECODER)) {
            PixelImage tile = src.readTile(0, 0, 2, 1);
            for (int x = 0; x < tile.width(); x++) {
                assertEquals(((512 + x) / 3 + 256 + 4) % 2 * 255, tile.sample(x, 4, 0), "x=" + x);
            }
        }
    }

    @Test
    void stripsBeyondTheFileAreAClearError() throws IOException {
        for (boolean deflate : new boolean[] {false, true}) {
            byte[] file = new SampleTiff().size(W, H).stripped(16).deflate(deflate).samples((p, x, y, c) -> x).write();
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
            int ifd = b.getInt(4), n = b.getShort(ifd);
            for (int i = 0; i < n; i++) {
                int e = ifd + 2 + 12 * i;
                if (b.getShort(e) == 273) b.putInt(b.getInt(e + 8), file.length + 1000); // first strip points past the end
            }
            Path lying = dir.resolve("lying" + deflate + ".tif");
            java.nio.file.Files.write(lying, file);
            try (TiffImageSource src = TiffImageSource.open(lying, DECODER)) {
                TiffFormatException e = assertThrows(TiffFormatException.class, () -> src.readTile(0, 0, 0, 0));
                assertTrue(e.getMessage().contains("beyond the end of the file"), e.getMessage());
                assertEquals(256, src.readTile(0, 0, 0, 1).height(), "other strips still read");
            }
        }
    }
}
