package org.tessera.source.tiff;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tessera.codec.Webp;
import org.tessera.codec.WebpDecoder;
import org.tessera.image.Level;
import org.tessera.image.PixelImage;
import org.tessera.testing.ImageIoJpegDecoder;
import org.tessera.testing.TestPattern;
import org.tessera.testing.Tools;

/**
 * WebP, ZSTD and CCITT tiles in files written by libtiff (through vips and tiffcp): every tile of
 * every level equals what vips itself decodes from the same file, and the lossless ones equal the
 * pattern the test computes.
 */
class TileCompressionsTest {
    static final int W = 600, H = 400;
    static final Optional<WebpDecoder> WEBP = Optional.of(new WebpDecoder(Webp.load()));

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"compression=zstd", "compression=zstd,predictor=none,level=3", "compression=webp,lossless",
            "compression=webp,Q=90"})
    void colourTilesMatchVips(String options) throws IOException {
        Path png = patternPng(3);
        Path tif = dir.resolve("p.tif");
        Tools.run(Tools.require("vips"), "copy", png.toString(),
                tif + "[tile,tile-width=256,tile-height=256,pyramid," + options + "]");
        int levels = assertMatchesVips(tif, 3);
        assertEquals(3, levels, "600x400 halved down to one 256 tile: 600, 300, 150");
        if (!options.contains("Q=")) assertLevelZeroIsThePattern(tif);
    }

    @Test
    void webpTilesWithAlphaKeepIt() throws IOException {
        Path png = patternPng(3);
        Path rgba = dir.resolve("rgba.png");
        Path tif = dir.resolve("a.tif");
        // an opaque alpha band: libwebp may store the picture without it, and the tile must still have 4 channels
        Tools.run(Tools.require("vips"), "bandjoin_const", png.toString(), rgba.toString(), "255");
        Tools.run(Tools.require("vips"), "copy", rgba.toString(), tif + "[tile,tile-width=256,tile-height=256,compression=webp,lossless]");
        assertMatchesVips(tif, 4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"g4", "g4-miniswhite", "g3", "g3:2d", "g3:fill"})
    void bilevelTilesMatchTheThresholdedPattern(String kind) throws IOException {
        Path png = dir.resolve("bw.png");
        BufferedImage bw = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) bw.getRaster().setSample(x, y, 0, bit(x, y) ? 255 : 0);
        ImageIO.write(bw, "png", png.toFile());
        Path g4 = dir.resolve("g4.tif");
        String vips = Tools.require("vips");
        if (kind.equals("g4-miniswhite")) {
            Tools.run(vips, "tiffsave", png.toString(), g4.toString(), "--compression", "ccittfax4", "--bitdepth", "1",
                    "--miniswhite", "--tile", "--tile-width", "256", "--tile-height", "256");
        } else {
            Tools.run(vips, "tiffsave", png.toString(), g4.toString(), "--compression", "ccittfax4", "--bitdepth", "1",
                    "--tile", "--tile-width", "256", "--tile-height", "256");
        }
        Path tif = g4;
        if (kind.startsWith("g3")) {
            tif = dir.resolve("g3.tif");
            Tools.run(Tools.require("tiffcp"), "-c", kind, g4.toString(), tif.toString());
        }
        try (TiffImageSource src = TiffImageSource.open(tif, new ImageIoJpegDecoder())) {
            Level l = src.info().levels().get(0);
            assertEquals(1, src.info().channels());
            for (int row = 0; row < l.tilesDown(); row++) {
                for (int col = 0; col < l.tilesAcross(); col++) {
                    PixelImage tile = src.readTile(0, 0, col, row);
                    for (int y = 0; y < tile.height(); y++) {
                        for (int x = 0; x < tile.width(); x++) {
                            int gx = col * 256 + x, gy = row * 256 + y;
                            assertEquals(bit(gx, gy) ? 255 : 0, tile.sample(x, y, 0), kind + " at " + gx + "," + gy);
                        }
                    }
                }
            }
        }
        assertMatchesVips(tif, 1);
    }

    @Test
    void corruptZstdWebpAndCcittTilesAreCorruptNotCrashes() throws IOException {
        Path png = patternPng(3);
        Path z = dir.resolve("z.tif");
        Tools.run(Tools.require("vips"), "copy", png.toString(), z + "[tile,tile-width=256,tile-height=256,compression=zstd]");
        scribbleOverFirstTile(z);
        try (TiffImageSource src = TiffImageSource.open(z, new ImageIoJpegDecoder())) {
            assertThrows(TiffFormatException.class, () -> src.readTile(0, 0, 0, 0));
        }
        Path w = dir.resolve("w.tif");
        Tools.run(Tools.require("vips"), "copy", png.toString(), w + "[tile,tile-width=256,tile-height=256,compression=webp]");
        scribbleOverFirstTile(w);
        try (TiffImageSource src = TiffImageSource.open(w, new ImageIoJpegDecoder(), WEBP)) {
            assertThrows(TiffFormatException.class, () -> src.readTile(0, 0, 0, 0));
        }
        Path bw = dir.resolve("bw.png");
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < H; y++) for (int x = 0; x < W; x++) img.getRaster().setSample(x, y, 0, bit(x, y) ? 255 : 0);
        ImageIO.write(img, "png", bw.toFile());
        Path g4 = dir.resolve("g4.tif");
        Tools.run(Tools.require("vips"), "tiffsave", bw.toString(), g4.toString(), "--compression", "ccittfax4", "--bitdepth", "1",
                "--tile", "--tile-width", "256", "--tile-height", "256");
        scribbleOverFirstTile(g4);
        try (TiffImageSource src = TiffImageSource.open(g4, new ImageIoJpegDecoder())) {
            // a Group 4 decoder may also read junk as (wrong) runs: then the tile has its size, but nothing else escapes
            try {
                PixelImage tile = src.readTile(0, 0, 0, 0);
                assertEquals(256, tile.width());
                assertEquals(256, tile.height());
            } catch (TiffFormatException expected) {
                assertTrue(expected.getMessage().startsWith("corrupt CCITT tile data"), expected.getMessage());
            }
            assertEquals(256, src.readTile(0, 0, 1, 0).width(), "the other tiles still decode");
        }
    }

    static boolean bit(int x, int y) {
        return TestPattern.grey(x, y) > 128 ^ ((x / 7 + y / 5) % 9 == 0); // pattern squares plus fine detail
    }

    /** Level by level, every tile equals the same area of vips' decode of that page. Returns the level count. */
    private int assertMatchesVips(Path tif, int channels) throws IOException {
        try (TiffImageSource src = TiffImageSource.open(tif, new ImageIoJpegDecoder(), WEBP)) {
            assertEquals(channels, src.info().channels());
            for (int level = 0; level < src.info().levels().size(); level++) {
                Level l = src.info().levels().get(level);
                byte[] ref = Tools.vipsPixels(tif + "[page=" + level + "]", dir.resolve("page" + level + ".raw"));
                int refChannels = ref.length / (l.width() * l.height());
                assertEquals(channels, refChannels, "vips bands");
                for (int row = 0; row < l.tilesDown(); row++) {
                    for (int col = 0; col < l.tilesAcross(); col++) {
                        PixelImage tile = src.readTile(0, level, col, row);
                        assertEquals(l.tileRect(col, row).width(), tile.width());
                        assertEquals(l.tileRect(col, row).height(), tile.height());
                        for (int y = 0; y < tile.height(); y++) {
                            for (int x = 0; x < tile.width(); x++) {
                                for (int c = 0; c < channels; c++) {
                                    int gx = col * l.tileWidth() + x, gy = row * l.tileHeight() + y;
                                    int want = ref[(gy * l.width() + gx) * channels + c] & 0xFF;
                                    if (want != tile.sample(x, y, c)) {
                                        fail(tif.getFileName() + " level " + level + " pixel " + gx + "," + gy + " channel " + c
                                                + ": vips " + want + ", Tessera " + tile.sample(x, y, c));
                                    }
                                }
                            }
                        }
                    }
                }
            }
            return src.info().levels().size();
        }
    }

    private static void assertLevelZeroIsThePattern(Path tif) throws IOException {
        try (TiffImageSource src = TiffImageSource.open(tif, new ImageIoJpegDecoder(), WEBP)) {
            Level l = src.info().levels().get(0);
            for (int row = 0; row < l.tilesDown(); row++) {
                for (int col = 0; col < l.tilesAcross(); col++) {
                    PixelImage tile = src.readTile(0, 0, col, row);
                    for (int y = 0; y < tile.height(); y += 3) {
                        for (int x = 0; x < tile.width(); x += 3) {
                            int[] want = TestPattern.rgb(col * 256 + x, row * 256 + y);
                            for (int c = 0; c < 3; c++) assertEquals(want[c], tile.sample(x, y, c));
                        }
                    }
                }
            }
        }
    }

    private Path patternPng(int channels) throws IOException {
        PixelImage p = TestPattern.image(W, H, channels);
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) img.setRGB(x, y, p.sample(x, y, 0) << 16 | p.sample(x, y, 1) << 8 | p.sample(x, y, 2));
        }
        Path png = dir.resolve("pattern.png");
        ImageIO.write(img, "png", png.toFile());
        return png;
    }

    /** Overwrites the middle of the first tile's data with a byte ramp. */
    private static void scribbleOverFirstTile(Path tif) throws IOException {
        try (FileChannel ch = FileChannel.open(tif, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            TiffDirectory d = TiffParser.parse(ch).directories().get(0);
            long offset = d.tileOffsets().get(ch, 0), count = d.tileByteCounts().get(ch, 0);
            byte[] junk = new byte[(int) count - 8];
            for (int i = 0; i < junk.length; i++) junk[i] = (byte) (i * 37 + 11);
            ch.write(java.nio.ByteBuffer.wrap(junk), offset + 4);
        }
    }
}
