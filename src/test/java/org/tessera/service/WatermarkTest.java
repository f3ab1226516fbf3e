package org.tessera.service;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.config.Config;
import org.tessera.image.PixelImage;
import org.tessera.image.Rect;
import org.tessera.pipeline.Requests;
import org.tessera.pipeline.process.Watermark;
import org.tessera.format.OutputFormat;
import org.tessera.source.tiff.TiffImageSource;
import org.tessera.testing.ImageIoJpegDecoder;
import org.tessera.testing.ImageIoTestCodecs;
import org.tessera.testing.SampleTiff;

/**
 * The watermark as iipsrv places it: one per tile, one per block of twice the tile size in
 * regions, at a random place, added with saturation, scaled by opacity and alpha. The random
 * source is seeded, and this test draws the same numbers to know where each mark must be.
 */
class WatermarkTest {
    static final int W = 300, H = 200, TILE = 64, BG = 50;
    static final int MW = 10, MH = 8;

    @TempDir
    Path dir;

    /** Watermark pixel: red 200 (alpha 255) on the left half, green 100 (alpha 128) on the right. */
    static PixelImage mark() {
        byte[] p = new byte[MW * MH * 4];
        for (int y = 0; y < MH; y++) {
            for (int x = 0; x < MW; x++) {
                int i = (y * MW + x) * 4;
                if (x < MW / 2) {
                    p[i] = (byte) 200;
                    p[i + 3] = (byte) 255;
                } else {
                    p[i + 1] = 100;
                    p[i + 3] = (byte) 128;
                }
            }
        }
        return new PixelImage(MW, MH, 4, p);
    }

    static int[] expectedAdd(int mx, int my, double opacity) {
        return mx < MW / 2 ? new int[] {(int) (200 * opacity), 0, 0} : new int[] {0, (int) (100 * opacity * 128 / 255.0), 0};
    }

    private TiffImageSource source() throws IOException {
        return TiffImageSource.open(new SampleTiff().size(W, H).tile(TILE, TILE).channels(3).photometric(2)
                .samples((p, x, y, c) -> BG).write(dir.resolve("bg.tif")), new ImageIoJpegDecoder());
    }

    private static BufferedImage png(DefaultImageService s, TiffImageSource src, org.tessera.request.ImageRequest r) throws IOException {
        return ImageIoTestCodecs.read(s.render(src, r).data());
    }

    /** Checks one block: the mark at (bx+ox, by+oy) if drawn, background elsewhere. */
    private static void checkBlock(BufferedImage img, int bx, int by, int bw, int bh, boolean marked, int ox, int oy, double opacity) {
        for (int y = 0; y < bh; y++) {
            for (int x = 0; x < bw; x++) {
                int[] add = {0, 0, 0};
                int mx = x - ox, my = y - oy;
                if (marked && mx >= 0 && my >= 0 && mx < MW && my < MH) add = expectedAdd(mx, my, opacity);
                int v = img.getRGB(bx + x, by + y);
                int[] got = {(v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF};
                for (int c = 0; c < 3; c++) {
                    assertEquals(Math.min(255, BG + add[c]), got[c], "pixel " + (bx + x) + "," + (by + y) + " channel " + c);
                }
            }
        }
    }

    @Test
    void regionsAreMarkedPerBlockAtSeededPlaces() throws IOException {
        Config config = Config.defaults(dir + "/");
        double opacity = 0.5, probability = 0.6;
        try (TiffImageSource src = source()) {
            DefaultImageService s = DefaultImageService.inRam(config, new ImageIoTestCodecs(), 0,
                    new Watermark(mark(), opacity, probability, new Random(7)));
            BufferedImage img = png(s, src, Requests.region(new Rect(0, 0, W, H), W, H, org.tessera.request.Rotation.NONE,
                    org.tessera.request.Quality.DEFAULT, OutputFormat.PNG, -1));
            Random r = new Random(7);
            int block = 2 * TILE, marked = 0;
            for (int by = 0; by < H; by += block) {
                for (int bx = 0; bx < W; bx += block) {
                    boolean mark = r.nextDouble() < probability;
                    int bw = Math.min(block, W - bx), bh = Math.min(block, H - by), ox = 0, oy = 0;
                    if (mark) {
                        ox = bw > MW ? r.nextInt(bw - MW + 1) : 0;
                        oy = bh > MH ? r.nextInt(bh - MH + 1) : 0;
                        marked++;
                    }
                    checkBlock(img, bx, by, bw, bh, mark, ox, oy, opacity);
                }
            }
            assertTrue(marked > 0 && marked < 6, "the seed marks some blocks, not all: " + marked);
        }
    }

    @Test
    void everyTileIsMarkedAndNeverServedFromTheCache() throws IOException {
        Config config = Config.defaults(dir + "/");
        try (TiffImageSource src = source()) {
            DefaultImageService s = DefaultImageService.inRam(config, new ImageIoTestCodecs(), 10_000_000,
                    new Watermark(mark(), 1.0, 1.0, new Random(3)));
            Random r = new Random(3);
            for (int i = 0; i < 3; i++) {
                BufferedImage tile = png(s, src, Requests.tile(src.info(), 0, 1, 1, OutputFormat.PNG, -1));
                r.nextDouble();
                int ox = r.nextInt(TILE - MW + 1), oy = r.nextInt(TILE - MH + 1);
                checkBlock(tile, 0, 0, TILE, TILE, true, ox, oy, 1.0);
            }
        }
    }

    @Test
    void watermarkFileIsLoadedWithItsAlpha() throws IOException {
        BufferedImage argb = new BufferedImage(MW, MH, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < MH; y++) for (int x = 0; x < MW; x++) argb.setRGB(x, y, x < MW / 2 ? 0xFFC80000 : 0x80006400);
        Path file = dir.resolve("wm.tif");
        assertTrue(javax.imageio.ImageIO.write(argb, "tiff", file.toFile()));
        Config config = org.tessera.testing.ConfigEdits.with(Config.defaults(dir + "/"), "watermark", file.toString(),
                "watermarkOpacity", 0.5);
        Watermark wm = Watermark.load(config);
        assertNotNull(wm);
        PixelImage out = wm.apply(PixelImage.blank(MW, MH, 3), MW, MH);
        assertEquals(100, out.sample(0, 0, 0));
        assertEquals((int) (100 * 0.5 * 128 / 255.0), out.sample(MW - 1, 0, 1));
    }

    @Test
    void unreadableWatermarkDisablesWatermarking() {
        Config none = Config.defaults(dir + "/");
        assertNull(Watermark.load(org.tessera.testing.ConfigEdits.with(none, "watermark", dir.resolve("missing.tif").toString())));
        assertNull(Watermark.load(none));
    }
}
