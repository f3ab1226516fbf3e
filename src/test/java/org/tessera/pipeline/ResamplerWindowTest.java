package org.tessera.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tessera.image.PixelImage;
import org.tessera.image.Rect;

/** Resampling a window of rows: exactly as the region cut out first when whole, exact in position when not. */
class ResamplerWindowTest {
    private static PixelImage random(int w, int h, int ch, long seed) {
        byte[] p = new byte[w * h * ch];
        new Random(seed).nextBytes(p);
        return new PixelImage(w, h, ch, p);
    }

    /** A horizontal ramp: value 20 + 3x in every channel and row. */
    private static PixelImage ramp(int w, int h) {
        byte[] p = new byte[w * h];
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) p[y * w + x] = (byte) (20 + 3 * x);
        return new PixelImage(w, h, 1, p);
    }

    @ParameterizedTest
    @EnumSource(Interpolation.class)
    void aWholePixelWindowIsTheRegionCutOutFirst(Interpolation interpolation) throws IOException {
        for (int ch : new int[] {1, 3, 4}) {
            PixelImage image = random(300, 200, ch, ch);
            Rect region = new Rect(17, 9, 250, 170);
            for (int[] size : new int[][] {{100, 60}, {200, 150}, {400, 300}, {37, 171}}) {
                PixelImage expected = Resampler.resize(image.crop(region), size[0], size[1], interpolation);
                PixelImage inPixels = Resampler.resize(Rows.view(image, region), SourceWindow.whole(250, 170), size[0], size[1], interpolation);
                assertArrayEquals(expected.pixels(), inPixels.pixels(), interpolation + " " + ch + " " + size[0]);
                // the same window counted in eighths of a pixel, as reduced reads give it
                PixelImage inEighths = Resampler.resize(Rows.view(image, region), new SourceWindow(0, 0, 2000, 1360, 8),
                        size[0], size[1], interpolation);
                assertArrayEquals(expected.pixels(), inEighths.pixels(), interpolation + " " + ch + " " + size[0] + " /8");
            }
        }
    }

    @Test
    void aWindowInsideAnImageNeverReadsTheNeighbouringPixels() throws IOException {
        PixelImage image = random(64, 64, 3, 7);
        Rect region = new Rect(8, 8, 40, 40);
        PixelImage cut = image.crop(region);
        // the view sees the whole image: the window alone keeps the filters inside the region
        for (Interpolation i : Interpolation.values()) {
            for (int size : new int[] {13, 30, 55}) {
                PixelImage expected = Resampler.resize(cut, size, size, i);
                PixelImage got = Resampler.resize(Rows.of(image), new SourceWindow(8, 8, 40, 40, 1), size, size, i);
                assertArrayEquals(expected.pixels(), got.pixels(), i + " " + size);
            }
        }
    }

    @Test
    void areaAveragingAFractionalWindowWeighsPartialPixels() throws IOException {
        PixelImage ramp = ramp(60, 4);
        // from 3.25 to 43.75 px across, 10 outputs of 4.05 px each
        PixelImage out = Resampler.areaAverage(Rows.of(ramp), new SourceWindow(26, 0, 324, 32, 8), 10, 2);
        for (int d = 0; d < 10; d++) {
            double lo = 3.25 + d * 4.05, hi = lo + 4.05, sum = 0;
            for (int i = (int) lo; i < hi; i++) sum += (Math.min(hi, i + 1) - Math.max(lo, i)) * (20 + 3 * i);
            double expected = sum / 4.05;
            assertTrue(Math.abs(out.sample(d, 0, 0) - expected) <= 0.51, d + ": " + out.sample(d, 0, 0) + " vs " + expected);
        }
    }

    @Test
    void bilinearFollowsAFractionalWindow() throws IOException {
        PixelImage ramp = ramp(60, 4);
        // from 5.5 px across, 20 px wide, to 15 outputs: centres at 5.5 + (d + 0.5) * 20/15
        PixelImage out = Resampler.bilinear(Rows.of(ramp), new SourceWindow(44, 0, 160, 32, 8), 15, 4);
        for (int d = 0; d < 15; d++) {
            double centre = 5.5 + (d + 0.5) * 20 / 15.0;
            double expected = 20 + 3 * (centre - 0.5); // pixel i's value sits at its centre i + 0.5
            assertTrue(Math.abs(out.sample(d, 1, 0) - expected) <= 0.51, d + ": " + out.sample(d, 1, 0) + " vs " + expected);
        }
    }

    @Test
    void aWindowReachingPastTheEdgeRepeatsTheEdgePixels() throws IOException {
        PixelImage flat = new PixelImage(4, 4, 1, new byte[] {
                10, 10, 10, 90, 10, 10, 10, 90, 10, 10, 10, 90, 10, 10, 10, 90});
        // 2.5 .. 4.5 px across: half of pixel 2 (10), pixel 3 (90), and half a pixel past the edge (90 again)
        PixelImage out = Resampler.areaAverage(Rows.of(flat), new SourceWindow(20, 0, 16, 32, 8), 1, 1);
        assertTrue(Math.abs(out.sample(0, 0, 0) - (0.5 * 10 + 1.5 * 90) / 2) <= 0.5, "" + out.sample(0, 0, 0));
        PixelImage near = Resampler.nearest(Rows.of(flat), new SourceWindow(20, 0, 16, 32, 8), 2, 1);
        assertArrayEquals(new byte[] {90, 90}, near.pixels());
        PixelImage bilinear = Resampler.bilinear(Rows.of(flat), new SourceWindow(20, 0, 16, 32, 8), 2, 1);
        // centres at 3.0 (between the centres of pixels 2 and 3) and 4.0 (past pixel 3's: its value)
        assertArrayEquals(new byte[] {50, 90}, bilinear.pixels());
    }
}
