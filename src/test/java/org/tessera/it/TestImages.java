package org.tessera.it;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.tessera.image.PixelImage;
import org.tessera.testing.TestPattern;

/**
 * Test images made the way real collections are: the shared {@link TestPattern} written as PNG
 * and turned into a tiled pyramidal JPEG TIFF by vips (the tool most sites use). The level sizes
 * are read back from the file itself, so expectations never depend on the server under test.
 */
final class TestImages {
    static final Path VIPS = Path.of("/usr/bin/vips");
    static final java.time.Instant FIXED_MTIME = java.time.Instant.parse("2024-01-02T03:04:05Z");

    /** One pyramid level as stored: index 0 = full resolution. */
    record StoredLevel(int width, int height, int tileWidth, int tileHeight) {
        int columns() { return (width + tileWidth - 1) / tileWidth; }

        int rows() { return (height + tileHeight - 1) / tileHeight; }
    }

    private TestImages() {
    }

    static boolean vipsInstalled() { return Files.isExecutable(VIPS); }

    /** Writes {@code dir/name} (a .tif), 256x256 JPEG Q90 tiles, full pyramid. */
    static Path pyramid(Path dir, String name, int width, int height) {
        try {
            Files.createDirectories(dir);
            Path png = dir.resolve(name + ".src.png");
            Files.createDirectories(png.getParent());
            ImageIO.write(toBuffered(TestPattern.image(width, height, 3)), "png", png.toFile());
            Path tif = dir.resolve(name);
            Files.createDirectories(tif.getParent());
            run(List.of(VIPS.toString(), "tiffsave", png.toString(), tif.toString(), "--tile", "--tile-width", "256",
                    "--tile-height", "256", "--pyramid", "--compression", "jpeg", "--Q", "90"));
            Files.delete(png);
            // a whole-second mtime well in the past: Last-Modified / If-Modified-Since comparisons
            // must not depend on sub-second timestamps or on the file having just been written
            Files.setLastModifiedTime(tif, java.nio.file.attribute.FileTime.from(FIXED_MTIME));
            return tif;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BufferedImage toBuffered(PixelImage img) {
        BufferedImage b = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                b.setRGB(x, y, (img.sample(x, y, 0) << 16) | (img.sample(x, y, 1) << 8) | img.sample(x, y, 2));
            }
        }
        return b;
    }

    /** Level geometry read from the TIFF's IFDs with the JDK's TIFF reader. */
    static List<StoredLevel> levels(Path tif) {
        try (ImageInputStream in = ImageIO.createImageInputStream(tif.toFile())) {
            Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName("tiff");
            ImageReader r = it.next();
            r.setInput(in);
            List<StoredLevel> levels = new ArrayList<>();
            int n = r.getNumImages(true);
            for (int i = 0; i < n; i++) {
                levels.add(new StoredLevel(r.getWidth(i), r.getHeight(i), r.getTileWidth(i), r.getTileHeight(i)));
            }
            r.dispose();
            return levels;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes JPEG/PNG bytes; throws AssertionError with a hint when they are not an image. */
    static BufferedImage decode(byte[] data) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(data));
            if (img == null) {
                String head = new String(data, 0, Math.min(data.length, 200), java.nio.charset.StandardCharsets.ISO_8859_1);
                throw new AssertionError("not a decodable image (" + data.length + " bytes): " + head);
            }
            return img;
        } catch (IOException e) {
            throw new AssertionError("undecodable image: " + e, e);
        }
    }

    static int[] rgb(BufferedImage img, int x, int y) {
        int p = img.getRGB(x, y);
        return new int[] {(p >> 16) & 0xFF, (p >> 8) & 0xFF, p & 0xFF};
    }

    /**
     * Compares a decoded rendition of full-resolution region {@code (rx,ry,rw,rh)} with the test
     * pattern at points that lie well inside a pattern square (so JPEG ringing and resampling at
     * square borders do not matter). Returns the number of points checked; throws on a mismatch.
     */
    static int checkPattern(BufferedImage img, double rx, double ry, double rw, double rh, String what) {
        double sx = rw / img.getWidth();
        double sy = rh / img.getHeight();
        double squareOut = TestPattern.SQUARE / Math.max(sx, sy);
        if (squareOut < 24) return 0; // squares too small at this scale for a robust colour check
        double margin = 8;
        int checked = 0;
        for (int y = 4; y < img.getHeight(); y += 7) {
            for (int x = 4; x < img.getWidth(); x += 7) {
                double fx = rx + (x + 0.5) * sx;
                double fy = ry + (y + 0.5) * sy;
                double ex = Math.min(fx % TestPattern.SQUARE, TestPattern.SQUARE - fx % TestPattern.SQUARE) / sx;
                double ey = Math.min(fy % TestPattern.SQUARE, TestPattern.SQUARE - fy % TestPattern.SQUARE) / sy;
                if (ex < margin || ey < margin) continue;
                int[] expected = TestPattern.rgb((int) fx, (int) fy);
                int[] actual = rgb(img, x, y);
                if (!TestPattern.close(expected, actual, 48)) {
                    throw new AssertionError(what + ": pixel (" + x + "," + y + ") = full-res (" + (int) fx + "," + (int) fy
                            + ") is " + java.util.Arrays.toString(actual) + ", expected " + java.util.Arrays.toString(expected));
                }
                checked++;
            }
        }
        return checked;
    }

    static void run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
