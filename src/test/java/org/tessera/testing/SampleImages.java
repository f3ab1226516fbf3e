package org.tessera.testing;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.tessera.image.PixelImage;

/**
 * Writes the PNG sources of the shipped sample images (scripts/make-test-images turns them into
 * pyramidal TIFFs with vips): {@code pattern.png}, the TestPattern at 1536x1024, {@code pattern-grey.png}, its Rec.601 grey version, and
 * {@code photo.png}, a smooth photo-like picture (gradients, soft discs, mild grain) at 1024x768.
 */
public final class SampleImages {
    private SampleImages() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : ".");
        Files.createDirectories(out);
        ImageIO.write(toBuffered(TestPattern.image(1536, 1024, 3)), "png", out.resolve("pattern.png").toFile());
        ImageIO.write(toBuffered(TestPattern.image(1536, 1024, 1)), "png", out.resolve("pattern-grey.png").toFile());
        ImageIO.write(toBuffered(photo(1024, 768)), "png", out.resolve("photo.png").toFile());
    }

    static PixelImage photo(int w, int h) {
        Random rnd = new Random(1234);
        double[][] discs = new double[12][];
        for (int i = 0; i < discs.length; i++) {
            discs[i] = new double[] {rnd.nextDouble() * w, rnd.nextDouble() * h, 40 + rnd.nextDouble() * 160,
                    rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble()};
        }
        byte[] p = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double sky = (double) y / h;
                double r = 0.25 + 0.5 * sky, g = 0.45 + 0.3 * Math.sin(x * Math.PI / w), b = 0.85 - 0.55 * sky;
                for (double[] d : discs) {
                    double dist = Math.hypot(x - d[0], y - d[1]) / d[2];
                    double a = Math.exp(-dist * dist * 2) * 0.6;
                    r = r * (1 - a) + d[3] * a;
                    g = g * (1 - a) + d[4] * a;
                    b = b * (1 - a) + d[5] * a;
                }
                double grain = rnd.nextGaussian() * 0.012;
                int i = (y * w + x) * 3;
                p[i] = (byte) clamp(r + grain);
                p[i + 1] = (byte) clamp(g + grain);
                p[i + 2] = (byte) clamp(b + grain);
            }
        }
        return new PixelImage(w, h, 3, p);
    }

    private static int clamp(double v) { return (int) Math.max(0, Math.min(255, Math.round(v * 255))); }

    static BufferedImage toBuffered(PixelImage img) {
        BufferedImage bi = new BufferedImage(img.width(), img.height(),
                img.channels() == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
        int[] s = new int[img.pixels().length];
        for (int i = 0; i < s.length; i++) s[i] = img.pixels()[i] & 0xFF;
        bi.getRaster().setPixels(0, 0, img.width(), img.height(), s);
        return bi;
    }
}
