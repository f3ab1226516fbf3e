package org.tessera.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tessera.image.PixelImage;
import org.tessera.image.Rect;
import org.tessera.testing.TestPattern;

class PixelOperationsTest {

    private static PixelImage random(int w, int h, int ch, long seed) {
        PixelImage img = PixelImage.blank(w, h, ch);
        new Random(seed).nextBytes(img.pixels());
        return img;
    }

    private static int[] px(PixelImage img, int x, int y) {
        int[] v = new int[img.channels()];
        for (int c = 0; c < v.length; c++) v[c] = img.sample(x, y, c);
        return v;
    }

    @Test
    void rightAngleRotationsMoveEveryPixelExactly() {
        PixelImage src = random(7, 4, 3, 1);
        PixelImage r90 = Rotator.rotate90(src), r180 = Rotator.rotate180(src), r270 = Rotator.rotate270(src);
        assertEquals(4, r90.width());
        assertEquals(7, r90.height());
        assertEquals(4, r270.width());
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 7; x++) {
                int[] v = px(src, x, y);
                assertArrayEquals(v, px(r90, 4 - 1 - y, x), "90 clockwise");
                assertArrayEquals(v, px(r180, 7 - 1 - x, 4 - 1 - y), "180");
                assertArrayEquals(v, px(r270, y, 7 - 1 - x), "270");
            }
        }
        assertArrayEquals(src.pixels(), Rotator.rotate270(Rotator.rotate90(src)).pixels());
        assertArrayEquals(src.pixels(), Rotator.rotate180(Rotator.rotate180(src)).pixels());
        assertArrayEquals(r180.pixels(), Rotator.rotate90(Rotator.rotate90(src)).pixels());
        PixelImage grey = random(5, 3, 1, 2);
        assertEquals(grey.sample(0, 0, 0), Rotator.rotate90(grey).sample(2, 0, 0), "top-left lands top-right");
    }

    @Test
    void mirrorSwapsLeftAndRight() {
        PixelImage src = random(5, 3, 4, 3);
        PixelImage m = Mirroring.horizontal(src);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 5; x++) assertArrayEquals(px(src, x, y), px(m, 4 - x, y));
        }
    }

    @Test
    void nearestPicksTheSourcePixelUnderEachOutputCentre() {
        PixelImage src = TestPattern.image(512, 384, 3);
        PixelImage out = Resampler.resize(src, 256, 192, Interpolation.NEAREST);
        for (int y = 0; y < 192; y++) {
            for (int x = 0; x < 256; x++) assertArrayEquals(TestPattern.rgb(2 * x + 1, 2 * y + 1), px(out, x, y));
        }
        PixelImage up = Resampler.resize(random(3, 2, 1, 4), 6, 4, Interpolation.NEAREST);
        assertEquals(up.sample(0, 0, 0), up.sample(1, 1, 0));
    }

    @Test
    void bilinearInterpolatesBetweenPixelCentres() {
        PixelImage ramp = new PixelImage(2, 1, 1, new byte[]{0, (byte) 255});
        PixelImage out = Resampler.resize(ramp, 4, 1, Interpolation.BILINEAR);
        assertArrayEquals(new int[]{0, 64, 191, 255},
                new int[]{out.sample(0, 0, 0), out.sample(1, 0, 0), out.sample(2, 0, 0), out.sample(3, 0, 0)});
        PixelImage pattern = Resampler.resize(TestPattern.image(512, 384, 3), 256, 192, Interpolation.BILINEAR);
        for (int sy = 0; sy < 6; sy++) {
            for (int sx = 0; sx < 8; sx++) {
                assertArrayEquals(TestPattern.rgb(sx * 64 + 32, sy * 64 + 32), px(pattern, sx * 32 + 16, sy * 32 + 16));
            }
        }
    }

    @Test
    void largeReductionsAverageTheAreaInsteadOfAliasing() {
        // one-pixel stripes: 2x2-tap bilinear would hit only black or only white columns
        PixelImage stripes = PixelImage.blank(1000, 1000, 1);
        for (int y = 0; y < 1000; y++) for (int x = 1; x < 1000; x += 2) stripes.pixels()[y * 1000 + x] = (byte) 255;
        PixelImage small = Resampler.resize(stripes, 100, 100, Interpolation.BILINEAR);
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 100; x++) assertTrue(Math.abs(small.sample(x, y, 0) - 128) <= 1, "got " + small.sample(x, y, 0));
        }
        // exact blocks average to their own value; a block straddling two values gets the covered mean
        PixelImage blocks = PixelImage.blank(9, 9, 1);
        for (int y = 0; y < 9; y++) for (int x = 0; x < 9; x++) blocks.pixels()[y * 9 + x] = (byte) (x < 3 ? 30 : 210);
        PixelImage three = Resampler.areaAverage(blocks, 3, 3);
        assertEquals(30, three.sample(0, 1, 0));
        assertEquals(210, three.sample(2, 1, 0));
        PixelImage two = Resampler.areaAverage(blocks, 2, 2);   // first output covers 4.5 columns: 3 x 30 + 1.5 x 210
        assertEquals(Math.round((3 * 30 + 1.5 * 210) / 4.5), two.sample(0, 0, 0));
        PixelImage rgb = Resampler.resize(TestPattern.image(640, 640, 3), 100, 100, Interpolation.BILINEAR);
        assertArrayEquals(TestPattern.rgb(96, 96), px(rgb, 15, 15), "square centres keep their colour");
    }

    @Test
    void theUnrolledRgbPathsAgreeWithTheGeneralOnes() {
        PixelImage rgb = random(517, 311, 3, 9);
        for (int c = 0; c < 3; c++) {
            PixelImage plane = PixelImage.blank(517, 311, 1);
            for (int i = 0; i < 517 * 311; i++) plane.pixels()[i] = rgb.pixels()[i * 3 + c];
            PixelImage a3 = Resampler.areaAverage(rgb, 101, 67), a1 = Resampler.areaAverage(plane, 101, 67);
            PixelImage b3 = Resampler.bilinear(rgb, 300, 200), b1 = Resampler.bilinear(plane, 300, 200);
            for (int y = 0; y < 67; y++) {
                for (int x = 0; x < 101; x++) assertTrue(Math.abs(a3.sample(x, y, c) - a1.sample(x, y, 0)) <= 1);
            }
            for (int y = 0; y < 200; y++) {
                for (int x = 0; x < 300; x++) assertEquals(b1.sample(x, y, 0), b3.sample(x, y, c));
            }
        }
    }

    @Test
    void greyUsesRec601Luma() {
        PixelImage src = TestPattern.image(512, 128, 3);
        PixelImage g = ColourConversion.grey(src);
        assertEquals(1, g.channels());
        for (int x = 32; x < 512; x += 64) {
            assertTrue(Math.abs(TestPattern.grey(x, 32) - g.sample(x, 32, 0)) <= 1);
            assertTrue(Math.abs(TestPattern.grey(x, 96) - g.sample(x, 96, 0)) <= 1);
        }
        PixelImage rgba = new PixelImage(1, 1, 4, new byte[]{(byte) 255, 0, 0, 77});
        PixelImage ga = ColourConversion.grey(rgba);
        assertEquals(2, ga.channels());
        assertEquals(76, ga.sample(0, 0, 0));
        assertEquals(77, ga.sample(0, 0, 1));
    }

    @Test
    void bitonalThresholdsAtTheImagesOwnOtsuLevel() {
        int[] hist = new int[256];
        hist[50] = 100;
        hist[200] = 100;
        int t = ColourConversion.otsuThreshold(hist);
        assertTrue(t >= 50 && t < 200, "threshold " + t);
        // a darker image: the threshold moves down with it (a fixed 128 would make everything black)
        PixelImage dark = PixelImage.blank(4, 1, 1);
        byte[] p = dark.pixels();
        p[0] = 10;
        p[1] = 12;
        p[2] = 90;
        p[3] = 100;
        PixelImage b = ColourConversion.bitonal(dark);
        assertArrayEquals(new byte[]{0, 0, (byte) 255, (byte) 255}, b.pixels());

        PixelImage pattern = ColourConversion.bitonal(TestPattern.image(512, 192, 3));
        assertEquals(1, pattern.channels());
        for (byte v : pattern.pixels()) assertTrue(v == 0 || v == (byte) 255);
        for (int y = 32; y < 192; y += 64) {
            for (int x = 32; x < 512; x += 64) {
                int grey = TestPattern.grey(x, y);
                if (grey < 60) assertEquals(0, pattern.sample(x, y, 0), "dark square at " + x + "," + y);
                if (grey > 200) assertEquals(255, pattern.sample(x, y, 0), "light square at " + x + "," + y);
            }
        }
    }

    @Test
    void arbitraryRotationFillsTheBoundingBox() {
        PixelImage src = TestPattern.image(192, 192, 3);
        PixelImage white = Rotator.rotate(src, new Operation.Rotate(45, false));
        assertEquals(new Operation.Rotate(45, false).outputSize(new Dimension(192, 192)),
                new Dimension(white.width(), white.height()));
        assertEquals(3, white.channels());
        assertArrayEquals(new int[]{255, 255, 255}, px(white, 0, 0), "corner outside the image is white");
        assertArrayEquals(TestPattern.rgb(96, 96), px(white, white.width() / 2, white.height() / 2));

        PixelImage clear = Rotator.rotate(src, new Operation.Rotate(45, true));
        assertEquals(4, clear.channels(), "alpha added for a format that keeps it");
        assertEquals(0, clear.sample(0, 0, 3), "transparent outside");
        assertEquals(255, clear.sample(clear.width() / 2, clear.height() / 2, 3));
        int[] c = px(clear, clear.width() / 2, clear.height() / 2);
        assertArrayEquals(TestPattern.rgb(96, 96), new int[]{c[0], c[1], c[2]});

        PixelImage grey = Rotator.rotate(TestPattern.image(64, 64, 1), new Operation.Rotate(30, true));
        assertEquals(2, grey.channels());

        // a point off centre lands where a clockwise turn puts it: square (2,0) centre, 32 px right of the middle
        PixelImage turned = Rotator.rotate(TestPattern.image(320, 64, 3), new Operation.Rotate(120, false));
        double r = Math.toRadians(120);
        int ox = (int) Math.round(turned.width() / 2.0 + 64 * Math.cos(r) - 0.5);
        int oy = (int) Math.round(turned.height() / 2.0 + 64 * Math.sin(r) - 0.5);
        assertArrayEquals(TestPattern.rgb(224, 32), px(turned, ox, oy));
    }

    @Test
    void cropOfAScaledRegionMatchesThePattern() {
        PixelImage src = TestPattern.image(1024, 512, 3).crop(new Rect(128, 64, 512, 384));
        PixelImage out = Resampler.resize(src, 256, 192, Interpolation.NEAREST);
        assertArrayEquals(TestPattern.rgb(128 + 33, 64 + 33), px(out, 16, 16));
    }
}
