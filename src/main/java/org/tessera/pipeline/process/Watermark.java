package org.tessera.pipeline.process;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.random.RandomGenerator;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.config.Config;
import org.tessera.image.PixelImage;

/**
 * iipsrv's watermark (behaviour reference 13.8): the WATERMARK image's colour, times
 * WATERMARK_OPACITY and its own alpha, added with saturation to the output's colour channels.
 * A tile is one block, a region is cut into blocks of twice the tile size; each block is marked
 * with probability WATERMARK_PROBABILITY, at a random place inside it when the block is larger
 * than the watermark (else at its corner, cropped). The random source is injected so tests can
 * seed it. Thread-safe (the source is a synchronised {@link Random} unless a test gives another).
 */
public final class Watermark {
    private static final Logger LOG = LoggerFactory.getLogger(Watermark.class);

    private final int width, height;
    private final int[] rgb; // premultiplied by opacity and alpha, 0..255, 3 per pixel
    private final double probability;
    private final RandomGenerator random;

    public Watermark(PixelImage rgba, double opacity, double probability, RandomGenerator random) {
        this.width = rgba.width();
        this.height = rgba.height();
        this.probability = probability;
        this.random = random;
        int ch = rgba.channels();
        rgb = new int[width * height * 3];
        for (int i = 0; i < width * height; i++) {
            double alpha = ch == 2 || ch == 4 ? (rgba.pixels()[i * ch + ch - 1] & 0xFF) / 255.0 : 1.0;
            for (int c = 0; c < 3; c++) {
                int v = rgba.pixels()[i * ch + (ch >= 3 ? c : 0)] & 0xFF;
                rgb[i * 3 + c] = (int) (v * opacity * alpha);
            }
        }
    }

    /**
     * The configured watermark, or null when none is configured or it cannot be read (logged,
     * as iipsrv disables it), or when probability or opacity is 0.
     */
    public static Watermark load(Config config) {
        String file = config.watermark();
        if (file == null || file.isEmpty() || config.watermarkProbability() <= 0 || config.watermarkOpacity() <= 0) return null;
        try {
            BufferedImage img = Files.isRegularFile(Path.of(file)) ? ImageIO.read(Path.of(file).toFile()) : null;
            if (img == null) {
                LOG.error("watermark {} cannot be read: watermarking disabled", file);
                return null;
            }
            int w = img.getWidth(), h = img.getHeight();
            byte[] p = new byte[w * h * 4];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int argb = img.getRGB(x, y), i = (y * w + x) * 4;
                    p[i] = (byte) (argb >> 16);
                    p[i + 1] = (byte) (argb >> 8);
                    p[i + 2] = (byte) argb;
                    p[i + 3] = (byte) (argb >>> 24);
                }
            }
            LOG.info("watermark {} ({}x{}), probability {}, opacity {}", file, w, h, config.watermarkProbability(),
                    config.watermarkOpacity());
            return new Watermark(new PixelImage(w, h, 4, p), config.watermarkOpacity(), config.watermarkProbability(), new Random());
        } catch (IOException | RuntimeException e) {
            LOG.error("watermark {} cannot be read ({}): watermarking disabled", file, e.toString());
            return null;
        }
    }

    /**
     * A marked copy of {@code image}.
     *
     * @param blockWidth  the image's own size for a tile, twice the tile size for regions
     * @param blockHeight likewise
     */
    public PixelImage apply(PixelImage image, int blockWidth, int blockHeight) {
        int ch = image.channels();
        int colours = ch == 2 || ch == 4 ? ch - 1 : Math.min(ch, 3);
        byte[] out = image.pixels().clone();
        for (int by = 0; by < image.height(); by += blockHeight) {
            for (int bx = 0; bx < image.width(); bx += blockWidth) {
                if (random.nextDouble() >= probability) continue;
                int bw = Math.min(blockWidth, image.width() - bx), bh = Math.min(blockHeight, image.height() - by);
                int ox = bw > width ? random.nextInt(bw - width + 1) : 0;
                int oy = bh > height ? random.nextInt(bh - height + 1) : 0;
                int w = Math.min(width, bw - ox), h = Math.min(height, bh - oy);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int o = ((by + oy + y) * image.width() + bx + ox + x) * ch, m = (y * width + x) * 3;
                        for (int c = 0; c < colours; c++) out[o + c] = (byte) Math.min(255, (out[o + c] & 0xFF) + rgb[m + c]);
                    }
                }
            }
        }
        return new PixelImage(image.width(), image.height(), ch, out);
    }
}
