package org.tessera.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.tessera.cache.TileCache;
import org.tessera.config.Config;
import org.tessera.image.Rect;
import org.tessera.pipeline.Requests;
import org.tessera.format.OutputFormat;
import org.tessera.request.Quality;
import org.tessera.request.Rotation;
import org.tessera.testing.ConfigEdits;
import org.tessera.testing.ImageIoTestCodecs;
import org.tessera.testing.PatternImageSource;
import org.tessera.testing.TestPattern;

/** End to end: render through the service, decode the bytes with ImageIO, compare square centres with the pattern. */
class RenderedPixelsTest {
    private static final Rect REGION = new Rect(256, 128, 1024, 768);
    private final PatternImageSource source = new PatternImageSource(2048, 1536, 256, 3);
    private final ImageIoTestCodecs codecs = new ImageIoTestCodecs();

    private BufferedImage render(Config config, Rect region, int w, int h, Rotation rotation, Quality quality,
                                 OutputFormat format) throws Exception {
        DefaultImageService s = new DefaultImageService(config, codecs, new TileCache(10_000_000));
        RenderedImage r = s.render(source, Requests.region(region, w, h, rotation, quality, format, -1));
        BufferedImage img = ImageIoTestCodecs.read(r.data());
        assertEquals(r.width(), img.getWidth());
        assertEquals(r.height(), img.getHeight());
        return img;
    }

    private static int[] rgb(BufferedImage img, int x, int y) {
        int v = img.getRGB(x, y);
        return new int[]{(v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF};
    }

    /**
     * For every pattern square whose centre lies in the region, maps that centre to output
     * coordinates and compares colours; returns the number of squares checked.
     */
    private static int checkSquares(BufferedImage out, Rect region, int w, int h,
                                    BiFunction<Double, Double, double[]> place, int tolerance) {
        int checked = 0;
        for (int cy = 32; cy < 1536; cy += 64) {
            for (int cx = 32; cx < 2048; cx += 64) {
                if (cx < region.x() + 16 || cy < region.y() + 16 || cx > region.right() - 16 || cy > region.bottom() - 16) continue;
                double ox = (cx - region.x()) * (double) w / region.width();
                double oy = (cy - region.y()) * (double) h / region.height();
                double[] p = place.apply(ox, oy);
                int[] actual = rgb(out, (int) p[0], (int) p[1]);
                int[] expected = TestPattern.rgb(cx, cy);
                assertTrue(TestPattern.close(expected, actual, tolerance), "square at " + cx + "," + cy + ": expected "
                        + java.util.Arrays.toString(expected) + " got " + java.util.Arrays.toString(actual));
                checked++;
            }
        }
        return checked;
    }

    @Test
    void cropAndScaleBilinearAndNearest() throws Exception {
        for (int interpolation : new int[]{0, 1}) {
            Config c = ConfigEdits.with(Config.defaults("/tmp/"), "interpolation", interpolation);
            BufferedImage png = render(c, REGION, 400, 300, Rotation.NONE, Quality.DEFAULT, OutputFormat.PNG);
            assertTrue(checkSquares(png, REGION, 400, 300, (x, y) -> new double[]{x, y}, 0) >= 100);
            BufferedImage jpeg = render(c, REGION, 400, 300, Rotation.NONE, Quality.DEFAULT, OutputFormat.JPEG);
            checkSquares(jpeg, REGION, 400, 300, (x, y) -> new double[]{x, y}, 40);
        }
    }

    @Test
    void mirror() throws Exception {
        BufferedImage out = render(Config.defaults("/tmp/"), REGION, 512, 384, new Rotation(0, true), Quality.DEFAULT,
                OutputFormat.PNG);
        checkSquares(out, REGION, 512, 384, (x, y) -> new double[]{511 - x, y}, 0);
    }

    @Test
    void rightAngleRotations() throws Exception {
        int w = 512, h = 384;
        BufferedImage r90 = render(Config.defaults("/tmp/"), REGION, w, h, new Rotation(90, false), Quality.DEFAULT, OutputFormat.PNG);
        assertEquals(h, r90.getWidth());
        assertEquals(w, r90.getHeight());
        checkSquares(r90, REGION, w, h, (x, y) -> new double[]{h - 1 - y, x}, 0);
        BufferedImage r180 = render(Config.defaults("/tmp/"), REGION, w, h, new Rotation(180, false), Quality.DEFAULT, OutputFormat.PNG);
        checkSquares(r180, REGION, w, h, (x, y) -> new double[]{w - 1 - x, h - 1 - y}, 0);
        BufferedImage r270 = render(Config.defaults("/tmp/"), REGION, w, h, new Rotation(270, false), Quality.DEFAULT, OutputFormat.JPEG);
        checkSquares(r270, REGION, w, h, (x, y) -> new double[]{y, w - 1 - x}, 40);
        BufferedImage mirrored90 = render(Config.defaults("/tmp/"), REGION, w, h, new Rotation(90, true), Quality.DEFAULT, OutputFormat.PNG);
        checkSquares(mirrored90, REGION, w, h, (x, y) -> new double[]{h - 1 - y, w - 1 - x}, 0);
    }

    @Test
    void fortyFiveDegrees() throws Exception {
        Rect centred = new Rect(480, 480, 512, 512);  // centre 736,736 = centre of square (11,11)
        BufferedImage jpeg = render(Config.defaults("/tmp/"), centred, 256, 256, new Rotation(45, false), Quality.DEFAULT,
                OutputFormat.JPEG);
        assertEquals(363, jpeg.getWidth());       // 256 * sqrt(2) = 362.04 -> 363
        assertTrue(TestPattern.close(TestPattern.rgb(736, 736), rgb(jpeg, 181, 181), 40));
        assertTrue(TestPattern.close(new int[]{255, 255, 255}, rgb(jpeg, 2, 2), 8), "white corner");

        BufferedImage png = render(Config.defaults("/tmp/"), centred, 256, 256, new Rotation(45, false), Quality.DEFAULT,
                OutputFormat.PNG);
        assertTrue(png.getColorModel().hasAlpha());
        assertEquals(0, png.getRGB(2, 2) >>> 24, "transparent corner");
        assertEquals(255, png.getRGB(181, 181) >>> 24);
        assertTrue(TestPattern.close(TestPattern.rgb(736, 736), rgb(png, 181, 181), 0));
    }

    @Test
    void greyAndBitonal() throws Exception {
        BufferedImage grey = render(Config.defaults("/tmp/"), REGION, 512, 384, Rotation.NONE, Quality.GRAY, OutputFormat.PNG);
        assertEquals(1, grey.getColorModel().getNumComponents());
        BufferedImage bitonal = render(Config.defaults("/tmp/"), REGION, 512, 384, Rotation.NONE, Quality.BITONAL,
                OutputFormat.PNG);
        int dark = 0, light = 0;
        for (int cy = 160; cy < 896; cy += 64) {
            for (int cx = 288; cx < 1280; cx += 64) {
                int ox = (cx - 256) / 2, oy = (cy - 128) / 2;
                int expected = TestPattern.grey(cx, cy);
                assertTrue(Math.abs(expected - grey.getRaster().getSample(ox, oy, 0)) <= 1, "grey at " + cx + "," + cy);
                int b = bitonal.getRaster().getSample(ox, oy, 0);
                assertTrue(b == 0 || b == 255);
                if (expected < 60) {
                    assertEquals(0, b);
                    dark++;
                }
                if (expected > 200) {
                    assertEquals(255, b);
                    light++;
                }
            }
        }
        assertTrue(dark > 10 && light > 10);
    }
}
