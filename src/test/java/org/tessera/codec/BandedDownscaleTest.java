package org.tessera.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bilinear reductions by pixman, a band at a time, against the filter computed here in doubles. */
class BandedDownscaleTest {
    private final NativeScaling scaling = NativeScaling.load();

    /** Source pixels and the window mapped onto the output, in 1/unit pixels. */
    private record Case(int sw, int sh, int ch, long x, long y, long w, long h, int unit, int dw, int dh) {
    }

    @Test
    void flatColoursStayExactlyTheSame() throws IOException {
        // a reduction whose weights do not sum to one darkens white paper (255 -> 253)
        for (int v = 0; v < 256; v += 15) {
            byte[] px = new byte[300 * 200 * 3];
            Arrays.fill(px, (byte) v);
            byte[] out = scale(new Case(300, 200, 3, 0, 0, 300, 200, 1, 173, 111), px, Integer.MAX_VALUE);
            for (byte b : out) assertEquals(v, b & 0xFF);
        }
    }

    @ParameterizedTest
    @CsvSource({
            // whole images, RGB and RGBA: ratios between 1 and 2, exactly 2, one axis unscaled
            "300, 200, 3, 0, 0, 300, 200, 1, 173, 111",
            "301, 199, 4, 0, 0, 301, 199, 1, 200, 150",
            "300, 200, 3, 0, 0, 300, 200, 1, 150, 100",
            "300, 200, 3, 0, 0, 300, 200, 1, 300, 123",
            // a window inside the image, on whole pixels and on eighths (a region decoded at 1/8)
            "400, 300, 3, 37, 21, 250, 190, 1, 201, 133",
            "400, 300, 3, 301, 171, 2000, 1500, 8, 190, 140",
            "50, 40, 3, 3, 5, 393, 309, 8, 40, 30"})
    void bandsOfAnyHeightMakeTheSamePictureAsOneBand(int sw, int sh, int ch, long x, long y, long w, long h, int unit,
                                                     int dw, int dh) throws IOException {
        Case c = new Case(sw, sh, ch, x, y, w, h, unit, dw, dh);
        byte[] px = random(sw * sh * ch, sw * 31 + dw);
        byte[] whole = scale(c, px, Integer.MAX_VALUE);
        for (int band : new int[] {1, 2, 7, 16}) {
            assertArrayEquals(whole, scale(c, px, band), "bands of " + band + " rows");
        }
    }

    @ParameterizedTest
    @CsvSource({
            "300, 200, 3, 0, 0, 300, 200, 1, 173, 111",
            "301, 199, 4, 0, 0, 301, 199, 1, 200, 150",
            "400, 300, 3, 37, 21, 250, 190, 1, 201, 133",
            "400, 300, 3, 301, 171, 2000, 1500, 8, 190, 140"})
    void everyPixelIsTheBilinearFilterWithinALevel(int sw, int sh, int ch, long x, long y, long w, long h, int unit,
                                                  int dw, int dh) throws IOException {
        Case c = new Case(sw, sh, ch, x, y, w, h, unit, dw, dh);
        // smooth content: pixman's 7-bit weights cost at most a level
        byte[] smooth = new byte[sw * sh * ch];
        for (int j = 0; j < sh; j++) {
            for (int i = 0; i < sw; i++) {
                for (int k = 0; k < ch; k++) smooth[(j * sw + i) * ch + k] = (byte) ((i * (k + 1) + j * (3 - k)) * 255 / (sw * 3 + sh * 3));
            }
        }
        assertWithin(1, 0.55, expected(c, smooth), scale(c, smooth, 7));
        // noise: a position rounded to 1/128 pixel on each axis moves a pixel by up to 2 x 255/128
        // levels between neighbours 255 apart; pixman drops the last fraction of a level instead of
        // rounding it (half a level on average, flat colours exact)
        byte[] noise = random(sw * sh * ch, 7);
        assertWithin(4.5, 0.55, expected(c, noise), scale(c, noise, 7));
    }

    @Test
    void rowsAreAskedForInOrderNeverMoreThanOneBack() throws IOException {
        Case c = new Case(400, 300, 3, 37, 21, 250, 190, 1, 201, 133);
        byte[] px = random(400 * 300 * 3, 1);
        int[] last = {-1};
        BandedDownscale.Source rows = (y0, y1, sink) -> {
            assertTrue(y0 >= last[0] - 1, "rows " + y0 + ".." + y1 + " after row " + last[0]);
            assertTrue(y0 >= 21 && y1 < 21 + 190, "rows " + y0 + ".." + y1 + " outside the window");
            last[0] = Math.max(last[0], y1);
            BandedDownscale.rowsOf(px, 400, 3).blocks(y0, y1, sink);
        };
        try (BandedDownscale d = downscale(c)) {
            byte[] out = new byte[c.dw() * c.dh() * 3];
            for (int r = 0; r < c.dh(); r += 5) d.scale(r, Math.min(c.dh(), r + 5), rows, out, r * c.dw() * 3);
            assertArrayEquals(scale(c, px, Integer.MAX_VALUE), out);
        }
        assertEquals(21 + 190 - 1, last[0], "the window's last row is read");
    }

    @Test
    void blocksOfAnyShapeMakeTheSamePictureAsRows() throws IOException {
        // tiles of 64 x 48 with their own arrays, wider than the cells at the right and bottom edges
        Case c = new Case(300, 200, 3, 13, 7, 270, 181, 1, 190, 120);
        byte[] px = random(300 * 200 * 3, 5);
        int tw = 64, th = 48;
        BandedDownscale.Source tiles = (y0, y1, sink) -> {
            for (int ty = y0 / th * th; ty <= y1; ty += th) {
                for (int tx = 0; tx < 300; tx += tw) {
                    byte[] tile = new byte[tw * th * 3];
                    for (int j = 0; j < th && ty + j < 200; j++) {
                        System.arraycopy(px, ((ty + j) * 300 + tx) * 3, tile, j * tw * 3, Math.min(tw, 300 - tx) * 3);
                    }
                    sink.block(tile, 0, tw * 3, tx, ty, Math.min(tw, 300 - tx), Math.min(th, 200 - ty));
                }
            }
        };
        byte[] out = new byte[c.dw() * c.dh() * 3];
        try (BandedDownscale d = downscale(c)) {
            for (int r = 0; r < c.dh(); r += 9) d.scale(r, Math.min(c.dh(), r + 9), tiles, out, r * c.dw() * 3);
        }
        assertArrayEquals(scale(c, px, Integer.MAX_VALUE), out);
    }

    @Test
    void onlyReductionsOfThreeOrFourChannelsAreDoneHere() {
        assertTrue(BandedDownscale.supports(300, 200, 3, 300, 200, 1, 300, 200));
        assertTrue(BandedDownscale.supports(300, 200, 4, 2400, 1600, 8, 299, 200));
        assertFalse(BandedDownscale.supports(300, 200, 1, 300, 200, 1, 150, 100), "grey");
        assertFalse(BandedDownscale.supports(300, 200, 3, 300, 200, 1, 301, 100), "wider than the window");
        assertFalse(BandedDownscale.supports(300, 200, 3, 2400, 1600, 8, 150, 201), "taller than the window");
        assertFalse(BandedDownscale.supports(40000, 200, 3, 40000, 200, 1, 150, 100), "beyond 16.16 coordinates");
    }

    private BandedDownscale downscale(Case c) {
        return scaling.downscale(c.sw(), c.sh(), c.ch(), c.x(), c.y(), c.w(), c.h(), c.unit(), c.dw(), c.dh());
    }

    private byte[] scale(Case c, byte[] px, int band) throws IOException {
        byte[] out = new byte[c.dw() * c.dh() * c.ch()];
        try (BandedDownscale d = downscale(c)) {
            int step = Math.min(band, d.bandRows());
            for (int r = 0; r < c.dh(); r += step) {
                d.scale(r, Math.min(c.dh(), r + step), BandedDownscale.rowsOf(px, c.sw(), c.ch()), out, r * c.dw() * c.ch());
            }
        }
        return out;
    }

    /** Pixel-centre aligned bilinear filter in doubles, clamped to the pixels the window touches. */
    private static double[] expected(Case c, byte[] px) {
        int firstX = (int) (c.x() / c.unit()), lastX = (int) Math.min(c.sw() - 1, (c.x() + c.w() + c.unit() - 1) / c.unit() - 1);
        int firstY = (int) (c.y() / c.unit()), lastY = (int) Math.min(c.sh() - 1, (c.y() + c.h() + c.unit() - 1) / c.unit() - 1);
        double[] out = new double[c.dw() * c.dh() * c.ch()];
        for (int j = 0; j < c.dh(); j++) {
            double sy = ((double) c.y() + (j + 0.5) * c.h() / c.dh()) / c.unit() - 0.5;
            int y0 = (int) Math.floor(sy);
            double fy = sy - y0;
            for (int i = 0; i < c.dw(); i++) {
                double sx = ((double) c.x() + (i + 0.5) * c.w() / c.dw()) / c.unit() - 0.5;
                int x0 = (int) Math.floor(sx);
                double fx = sx - x0;
                for (int k = 0; k < c.ch(); k++) {
                    double v = 0;
                    for (int q = 0; q < 4; q++) {
                        int xi = Math.max(firstX, Math.min(lastX, x0 + (q & 1)));
                        int yi = Math.max(firstY, Math.min(lastY, y0 + (q >> 1)));
                        double weight = ((q & 1) == 1 ? fx : 1 - fx) * ((q >> 1) == 1 ? fy : 1 - fy);
                        v += weight * (px[(yi * c.sw() + xi) * c.ch() + k] & 0xFF);
                    }
                    out[(j * c.dw() + i) * c.ch() + k] = v;
                }
            }
        }
        return out;
    }

    private static void assertWithin(double tolerance, double maxBias, double[] expected, byte[] actual) {
        assertEquals(expected.length, actual.length);
        double bias = 0;
        for (int i = 0; i < expected.length; i++) {
            double d = (actual[i] & 0xFF) - expected[i];
            bias += d;
            assertTrue(Math.abs(d) <= tolerance, "sample " + i + ": " + (actual[i] & 0xFF) + " for " + expected[i]);
        }
        assertTrue(Math.abs(bias / expected.length) <= maxBias, "mean difference " + bias / expected.length);
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
