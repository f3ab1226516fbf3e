package org.tessera.source.tiff;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.error.UnsupportedImageException;
import org.tessera.image.ColourSpace;
import org.tessera.image.ImageInfo;
import org.tessera.image.PixelImage;
import org.tessera.image.SampleFormat;
import org.tessera.image.SampleRaster;
import org.tessera.testing.ImageIoJpegDecoder;
import org.tessera.testing.SampleTiff;

/** Every sample layout the reader supports, checked against the stored numbers the test chose. */
class SampleTypesTest {
    static final ImageIoJpegDecoder DECODER = new ImageIoJpegDecoder();
    static final int W = 70, H = 45; // not tile multiples: edge tiles are cropped

    @TempDir
    Path dir;

    private TiffImageSource open(SampleTiff t, String name) throws IOException {
        return TiffImageSource.open(t.size(W, H).tile(32, 16).write(dir.resolve(name)), DECODER);
    }

    /** Reads the whole level through tiles, as rasters. */
    static SampleRaster whole(TiffImageSource src) throws IOException {
        ImageInfo info = src.info();
        var level = info.fullLevel();
        SampleRaster out = null;
        for (int row = 0; row < level.tilesDown(); row++) {
            for (int col = 0; col < level.tilesAcross(); col++) {
                SampleRaster t = src.readRaster(0, 0, col, row);
                if (out == null) out = SampleRaster.blank(level.width(), level.height(), t.channels());
                out.paste(t, col * level.tileWidth(), row * level.tileHeight());
            }
        }
        return out;
    }

    static PixelImage wholePixels(TiffImageSource src) throws IOException {
        var level = src.info().fullLevel();
        PixelImage out = null;
        for (int row = 0; row < level.tilesDown(); row++) {
            for (int col = 0; col < level.tilesAcross(); col++) {
                PixelImage t = src.readTile(0, 0, col, row);
                if (out == null) out = PixelImage.blank(level.width(), level.height(), t.channels());
                out.paste(t, col * level.tileWidth(), row * level.tileHeight());
            }
        }
        return out;
    }

    static int grey16(int x, int y) { return x * 900 + y * 37 + 5; }

    @Test
    void sixteenBitGreyKeepsEveryBitAndShowsItsHighByte() throws IOException {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            try (TiffImageSource src = open(new SampleTiff().order(order).bits(16, 1).deflate(true).predictor(2)
                    .samples((p, x, y, c) -> grey16(x, y)), "g16" + order + ".tif")) {
                ImageInfo info = src.info();
                assertEquals(16, info.bitsPerSample());
                assertEquals(ColourSpace.GREY, info.colourSpace());
                assertArrayEquals(new double[] {65535}, info.maxValues());
                SampleRaster r = whole(src);
                PixelImage p = wholePixels(src);
                for (int y = 0; y < H; y++) {
                    for (int x = 0; x < W; x++) {
                        assertEquals(grey16(x, y), r.sample(x, y, 0), 0, "raster " + x + "," + y);
                        assertEquals(grey16(x, y) >> 8, p.sample(x, y, 0), "pixel " + x + "," + y);
                    }
                }
            }
        }
    }

    @Test
    void floatDataIsNormalisedFromItsDeclaredRange() throws IOException {
        SampleTiff t = new SampleTiff().bits(32, 3).samples((p, x, y, c) -> -10 + x * 0.5 + y * 0.1)
                .sampleRange(new double[] {-10}, new double[] {30});
        try (TiffImageSource src = open(t, "float.tif")) {
            assertEquals(SampleFormat.FLOAT, src.info().sampleFormat());
            assertArrayEquals(new double[] {-10}, src.info().minValues());
            SampleRaster r = whole(src);
            PixelImage p = wholePixels(src);
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    float v = (float) (-10 + x * 0.5 + y * 0.1);
                    assertEquals(v, r.sample(x, y, 0), 0);
                    int want = (int) Math.min(255, Math.max(0, (v + 10) / 40.0 * 255));
                    assertEquals(want, p.sample(x, y, 0), 1, "pixel " + x + "," + y);
                }
            }
        }
    }

    @Test
    void floatWithoutRangeIsTakenAsZeroToOneAndFloatPredictorDecodes() throws IOException {
        for (int bits : new int[] {16, 32, 64}) {
            for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
                SampleTiff t = new SampleTiff().order(order).bits(bits, 3).deflate(true).predictor(3).channels(3)
                        .photometric(2).samples((p, x, y, c) -> (x + y + c) / 120.0);
                try (TiffImageSource src = open(t, "f" + bits + order + ".tif")) {
                    PixelImage p = wholePixels(src);
                    SampleRaster r = whole(src);
                    for (int y = 0; y < H; y += 3) {
                        for (int x = 0; x < W; x += 5) {
                            for (int c = 0; c < 3; c++) {
                                double v = (x + y + c) / 120.0;
                                assertEquals(v, r.sample(x, y, c), bits == 16 ? 1e-3 : 1e-6, bits + " " + order);
                                assertEquals(Math.min(255, (int) (v * 255)), p.sample(x, y, c), 1);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void signedDataSpansItsTypeRangeUnlessTagged() throws IOException {
        SampleTiff t = new SampleTiff().bits(16, 2).samples((p, x, y, c) -> (x - 35) * 900 + y);
        try (TiffImageSource src = open(t, "s16.tif")) {
            assertArrayEquals(new double[] {-32768}, src.info().minValues());
            assertArrayEquals(new double[] {32767}, src.info().maxValues());
            SampleRaster r = whole(src);
            PixelImage p = wholePixels(src);
            for (int x = 0; x < W; x++) {
                int v = (x - 35) * 900 + 3;
                assertEquals(v, r.sample(x, 3, 0), 0);
                assertEquals((int) ((v + 32768) / 65535.0 * 255), p.sample(x, 3, 0), 1);
            }
        }
        SampleTiff tagged = new SampleTiff().bits(8, 2).samples((p, x, y, c) -> x - 35)
                .sampleRange(new double[] {-35}, new double[] {34});
        try (TiffImageSource src = open(tagged, "s8.tif")) {
            PixelImage p = wholePixels(src);
            for (int x = 0; x < W; x++) assertEquals((int) (x / 69.0 * 255), p.sample(x, 0, 0), 1);
            assertEquals(-35, whole(src).sample(0, 0, 0), 0);
        }
    }

    @Test
    void thirtyTwoBitIntegersShowTheirTopByte() throws IOException {
        SampleTiff t = new SampleTiff().bits(32, 1).predictor(2).deflate(true).samples((p, x, y, c) -> x * 61_000_000.0 + y);
        try (TiffImageSource src = open(t, "u32.tif")) {
            PixelImage p = wholePixels(src);
            for (int x = 0; x < W; x++) assertEquals((int) ((x * 61_000_000L + 7) >>> 24), p.sample(x, 7, 0));
        }
    }

    @Test
    void subByteGreyIsScaledAndMinIsWhiteInverted() throws IOException {
        for (int bits : new int[] {2, 4}) {
            int max = (1 << bits) - 1;
            try (TiffImageSource src = open(new SampleTiff().bits(bits, 1).samples((p, x, y, c) -> (x + y) % (max + 1)), "b" + bits + ".tif")) {
                PixelImage p = wholePixels(src);
                for (int x = 0; x < W; x++) assertEquals((x + 4) % (max + 1) * (255 / max), p.sample(x, 4, 0));
            }
            try (TiffImageSource src = open(new SampleTiff().bits(bits, 1).photometric(0).samples((p, x, y, c) -> x % (max + 1)), "w" + bits + ".tif")) {
                PixelImage p = wholePixels(src);
                for (int x = 0; x < W; x++) assertEquals(255 - x % (max + 1) * (255 / max), p.sample(x, 0, 0));
            }
        }
    }

    @Test
    void tenTwelveAndFourteenBitSamples() throws IOException {
        for (int bits : new int[] {10, 12, 14}) {
            int max = (1 << bits) - 1;
            SampleTiff t = new SampleTiff().bits(bits, 1).channels(3).photometric(2).samples((p, x, y, c) -> (x * 37 + y * 11 + c * 5) % (max + 1));
            try (TiffImageSource src = open(t, "b" + bits + ".tif")) {
                assertArrayEquals(new double[] {max, max, max}, src.info().maxValues());
                SampleRaster r = whole(src);
                PixelImage p = wholePixels(src);
                for (int y = 0; y < H; y += 2) {
                    for (int x = 0; x < W; x++) {
                        for (int c = 0; c < 3; c++) {
                            int v = (x * 37 + y * 11 + c * 5) % (max + 1);
                            assertEquals(v, r.sample(x, y, c), 0, bits + "-bit raster " + x + "," + y);
                            assertEquals(v >> (bits - 8), p.sample(x, y, c), bits + "-bit pixel " + x + "," + y);
                        }
                    }
                }
            }
        }
    }

    @Test
    void paletteBecomesRgbFromTheColorMap() throws IOException {
        int[] map = new int[3 * 256];
        for (int i = 0; i < 256; i++) {
            map[i] = (255 - i) * 257;
            map[256 + i] = (i * 3 % 256) * 257;
            map[512 + i] = (i / 2) * 257;
        }
        for (int bits : new int[] {8, 4}) {
            int entries = 1 << bits;
            int[] m = new int[3 * entries];
            for (int c = 0; c < 3; c++) System.arraycopy(map, c * 256, m, c * entries, entries);
            SampleTiff t = new SampleTiff().bits(bits, 1).photometric(3).colorMap(m).samples((p, x, y, c) -> (x + 2 * y) % entries);
            try (TiffImageSource src = open(t, "pal" + bits + ".tif")) {
                assertEquals(3, src.info().channels());
                assertEquals(ColourSpace.SRGB, src.info().colourSpace());
                PixelImage p = wholePixels(src);
                for (int y = 0; y < H; y++) {
                    for (int x = 0; x < W; x++) {
                        int i = (x + 2 * y) % entries;
                        assertEquals(255 - i, p.sample(x, y, 0));
                        assertEquals(i * 3 % 256, p.sample(x, y, 1));
                        assertEquals(i / 2, p.sample(x, y, 2));
                    }
                }
            }
        }
    }

    @Test
    void paletteWhoseColorMapIsTooShortIsRefused() throws IOException {
        SampleTiff t = new SampleTiff().bits(8, 1).photometric(3).colorMap(new int[3 * 16]);
        try (TiffImageSource src = open(t, "badpal.tif")) {
            UnsupportedImageException e = assertThrows(UnsupportedImageException.class, () -> src.readTile(0, 0, 0, 0));
            assertTrue(e.getMessage().contains("ColorMap"), e.getMessage());
        }
    }

    /** Published reference pairs (CIE Lab D65 -> sRGB 8-bit) for the primaries, white, black and a mid grey. */
    static final double[][] LAB = {
            {53.2408, 80.0925, 67.2032}, {87.7347, -86.1827, 83.1793}, {32.2970, 79.1875, -107.8602},
            {100, 0, 0}, {0, 0, 0}, {53.585, 0, 0}};
    static final int[][] SRGB = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {255, 255, 255}, {0, 0, 0}, {128, 128, 128}};

    @Test
    void cielabBecomesSrgb() throws IOException {
        for (int bits : new int[] {8, 16}) {
            SampleTiff t = new SampleTiff().bits(bits, 1).channels(3).photometric(8).samples((p, x, y, c) -> {
                double[] lab = LAB[Math.min(x / 12, LAB.length - 1)];
                if (bits == 8) return c == 0 ? Math.round(lab[0] * 2.55) : Math.round(lab[c]);
                return c == 0 ? Math.round(lab[0] * 655.35) : Math.round(lab[c] * 256);
            });
            try (TiffImageSource src = open(t, "lab" + bits + ".tif")) {
                assertEquals(ColourSpace.CIELAB, src.info().colourSpace());
                PixelImage p = wholePixels(src);
                for (int k = 0; k < LAB.length; k++) {
                    for (int c = 0; c < 3; c++) {
                        // 8-bit storage rounds L to 1/2.55 and a, b to whole units: a few levels of error
                        assertEquals(SRGB[k][c], p.sample(k * 12 + 1, 5, c), bits == 8 ? 8 : 2, "colour " + k + " channel " + c + " bits " + bits);
                    }
                }
            }
        }
    }

    @Test
    void sixBandMultispectralKeepsEveryBandAndShowsTheFirstThree() throws IOException {
        for (boolean planar : new boolean[] {false, true}) {
            SampleTiff t = new SampleTiff().bits(16, 1).channels(6).planar(planar).deflate(planar)
                    .samples((p, x, y, c) -> c * 10_000 + x * 100 + y);
            try (TiffImageSource src = open(t, "ms" + planar + ".tif")) {
                assertEquals(6, src.info().channels());
                SampleRaster r = whole(src);
                assertEquals(6, r.channels());
                PixelImage p = wholePixels(src);
                assertEquals(3, p.channels());
                for (int y = 0; y < H; y += 4) {
                    for (int x = 0; x < W; x += 3) {
                        for (int c = 0; c < 6; c++) assertEquals(c * 10_000 + x * 100 + y, r.sample(x, y, c), 0);
                        for (int c = 0; c < 3; c++) assertEquals((c * 10_000 + x * 100 + y) >> 8, p.sample(x, y, c));
                    }
                }
            }
        }
    }

    @Test
    void sixteenBitGreyAlphaAndRgbaPlanar() throws IOException {
        SampleTiff ga = new SampleTiff().bits(16, 1).channels(2).shortTag(338, 2).samples((p, x, y, c) -> c == 0 ? x * 900 : 65535 - y * 1000);
        try (TiffImageSource src = open(ga, "ga.tif")) {
            PixelImage p = wholePixels(src);
            assertEquals(2, p.channels());
            assertEquals((10 * 900) >> 8, p.sample(10, 20, 0));
            assertEquals((65535 - 20 * 1000) >> 8, p.sample(10, 20, 1));
        }
        SampleTiff rgba = new SampleTiff().bits(8, 1).channels(4).photometric(2).planar(true).shortTag(338, 2)
                .samples((p, x, y, c) -> (x * (c + 1) + y) % 256);
        try (TiffImageSource src = open(rgba, "rgba.tif")) {
            PixelImage p = wholePixels(src);
            for (int c = 0; c < 4; c++) assertEquals((33 * (c + 1) + 9) % 256, p.sample(33, 9, c));
        }
    }

    @Test
    void unsupportedLayoutsSayWhat() throws IOException {
        try (TiffImageSource src = open(new SampleTiff().bits(8, 3), "f8.tif")) {
            assertEquals("8-bit float TIFF not supported", assertThrows(UnsupportedImageException.class, () -> src.readTile(0, 0, 0, 0)).getMessage());
        }
        try (TiffImageSource src = open(new SampleTiff().bits(8, 1).shortTag(317, 7), "pred.tif")) {
            assertEquals("TIFF predictor 7 not supported", assertThrows(UnsupportedImageException.class, () -> src.readRaster(0, 0, 0, 0)).getMessage());
        }
        try (TiffImageSource src = open(new SampleTiff().bits(8, 1).channels(4).photometric(5), "cmyk.tif")) {
            assertThrows(UnsupportedImageException.class, () -> src.readTile(0, 0, 0, 0));
        }
    }
}
