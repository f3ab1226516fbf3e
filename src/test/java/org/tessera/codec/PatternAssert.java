package org.tessera.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.tessera.image.PixelImage;
import org.tessera.testing.TestPattern;

/** Checks decoded images against {@link TestPattern}. */
final class PatternAssert {
    private PatternAssert() {
    }

    /** Square centres inside the image; along an axis shorter than half a square, its middle. */
    static List<int[]> probes(int width, int height) {
        List<int[]> points = new ArrayList<>();
        for (int y : axis(height)) {
            for (int x : axis(width)) points.add(new int[] {x, y});
        }
        return points;
    }

    private static List<Integer> axis(int length) {
        List<Integer> positions = new ArrayList<>();
        for (int p = TestPattern.SQUARE / 2; p < length; p += TestPattern.SQUARE) positions.add(p);
        if (positions.isEmpty()) positions.add(length / 2);
        return positions;
    }

    /** The decoded image has the pattern's size and colours (grey when 1 channel) within tolerance. */
    static void assertPattern(PixelImage decoded, int width, int height, int tolerance) {
        assertEquals(width, decoded.width(), "width");
        assertEquals(height, decoded.height(), "height");
        for (int[] p : probes(width, height)) {
            int x = p[0], y = p[1];
            int[] expected = decoded.channels() <= 2 ? new int[] {TestPattern.grey(x, y)} : TestPattern.rgb(x, y);
            int[] actual = new int[expected.length];
            for (int c = 0; c < expected.length; c++) actual[c] = decoded.sample(x, y, c);
            assertTrue(TestPattern.close(expected, actual, tolerance),
                    "at " + x + "," + y + " expected " + Arrays.toString(expected) + " got " + Arrays.toString(actual));
        }
    }

    /** The pattern with an alpha channel added (2 or 4 channels) whose value varies with x and y. */
    static PixelImage withAlpha(PixelImage image) {
        int ch = image.channels() + 1;
        byte[] src = image.pixels();
        byte[] out = new byte[image.width() * image.height() * ch];
        for (int y = 0, i = 0, o = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                for (int c = 0; c < image.channels(); c++) out[o++] = src[i++];
                out[o++] = alpha(x, y);
            }
        }
        return new PixelImage(image.width(), image.height(), ch, out);
    }

    /** Never 0, so encoders that may discard colour under transparent pixels keep it. */
    static byte alpha(int x, int y) {
        return (byte) (1 + (x * 7 + y * 13) % 255);
    }

    /** The RGB pattern with deterministic noise of +-20 added, closer to a photograph. */
    static PixelImage noisy(int w, int h) {
        PixelImage image = TestPattern.image(w, h, 3);
        java.util.Random random = new java.util.Random(42);
        byte[] p = image.pixels();
        for (int i = 0; i < p.length; i++) p[i] = (byte) Math.clamp((p[i] & 0xFF) + random.nextInt(41) - 20, 0, 255);
        return image;
    }

    static PixelImage readWithImageIo(byte[] data) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(data));
        if (image == null) throw new IOException("ImageIO could not read the data");
        return BufferedImages.toPixels(image);
    }
}
