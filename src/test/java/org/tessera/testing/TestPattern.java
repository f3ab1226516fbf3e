package org.tessera.testing;

import org.tessera.image.PixelImage;

/**
 * The picture every pixel test agrees on: a grid of solid squares, SQUARE px wide, in eight
 * strongly different colours, so a colour sampled at a square's centre survives JPEG, scaling and
 * rotation and tells exactly where in the source it came from.
 */
public final class TestPattern {
    public static final int SQUARE = 64;

    private static final int[][] PALETTE = {
            {230, 25, 25}, {25, 200, 25}, {25, 25, 230}, {240, 240, 30},
            {30, 220, 220}, {220, 30, 220}, {245, 245, 245}, {15, 15, 15}};

    private TestPattern() {
    }

    /** Colour index of the square holding full-resolution pixel (x,y). */
    public static int index(int x, int y) {
        return ((x / SQUARE) + 3 * (y / SQUARE)) % PALETTE.length;
    }

    /** RGB at full-resolution pixel (x,y). */
    public static int[] rgb(int x, int y) {
        return PALETTE[index(x, y)].clone();
    }

    /** Grey value (Rec.601 luma) at (x,y). */
    public static int grey(int x, int y) {
        int[] c = rgb(x, y);
        return (int) Math.round(0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2]);
    }

    /** The whole pattern as an 8-bit image, 3 channels (or 1 for grey). */
    public static PixelImage image(int width, int height, int channels) {
        PixelImage img = PixelImage.blank(width, height, channels);
        byte[] p = img.pixels();
        int i = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (channels == 1) {
                    p[i++] = (byte) grey(x, y);
                } else {
                    int[] c = rgb(x, y);
                    p[i++] = (byte) c[0];
                    p[i++] = (byte) c[1];
                    p[i++] = (byte) c[2];
                }
            }
        }
        return img;
    }

    /** True when every channel of {@code actual} is within {@code tolerance} of {@code expected}. */
    public static boolean close(int[] expected, int[] actual, int tolerance) {
        for (int c = 0; c < expected.length; c++) {
            if (Math.abs(expected[c] - actual[c]) > tolerance) return false;
        }
        return true;
    }
}
