package org.tessera.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tessera.codec.JpegDecoder;
import org.tessera.codec.TurboJpeg;
import org.tessera.codec.TurboJpegDecoder;
import org.tessera.config.Config;
import org.tessera.format.OutputFormat;
import org.tessera.image.PixelImage;
import org.tessera.image.Rect;
import org.tessera.pipeline.Requests;
import org.tessera.request.Quality;
import org.tessera.request.Rotation;
import org.tessera.source.tiff.TiffImageSource;
import org.tessera.testing.ImageIoTestCodecs;
import org.tessera.testing.TiffWriter;

/**
 * Exports from a JPEG-tiled TIFF whose tiles are decoded reduced (libjpeg-turbo's DCT scaling)
 * against the same exports decoded at full size and against the output the test computes itself
 * from the picture it stored: the area average of the region. One level only, so every export
 * reduces from it; 1203x905 with 128 px tiles, edge tiles padded black as vips pads them.
 */
class ReducedExportTest {
    private static final int WIDTH = 1203, HEIGHT = 905;
    private static TurboJpeg turbo;
    private static PixelImage picture;
    private static Path file;

    @BeforeAll
    static void write(@TempDir Path dir) throws IOException {
        turbo = TurboJpeg.load();
        picture = smooth(WIDTH, HEIGHT);
        file = dir.resolve("smooth.tif");
        new TiffWriter().compression(TiffWriter.Compression.JPEG).jpegQuality(95).tile(128, 128).maxLevels(1)
                .edgePadding(0).write(picture, file);
    }

    @AfterAll
    static void close() {
        turbo.close();
    }

    /** Slowly varying colours, as in a photograph: JPEG keeps them well and scaling has nothing to alias. */
    private static PixelImage smooth(int w, int h) {
        byte[] p = new byte[w * h * 3];
        for (int y = 0, i = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                p[i++] = (byte) Math.round(128 + 100 * Math.sin(x / 37.0) * Math.cos(y / 53.0));
                p[i++] = (byte) Math.round(128 + 90 * Math.cos((x + y) / 61.0));
                p[i++] = (byte) Math.round(20 + 200.0 * x / w);
            }
        }
        return new PixelImage(w, h, 3, p);
    }

    /** The exact area average of the stored picture over the region, per output pixel. */
    private static double expected(Rect region, int w, int h, int ox, int oy, int c) {
        double x0 = region.x() + (double) ox * region.width() / w, x1 = region.x() + (ox + 1.0) * region.width() / w;
        double y0 = region.y() + (double) oy * region.height() / h, y1 = region.y() + (oy + 1.0) * region.height() / h;
        double sum = 0;
        for (int y = (int) y0; y < y1; y++) {
            double wy = Math.min(y1, y + 1) - Math.max(y0, y);
            for (int x = (int) x0; x < x1; x++) {
                sum += wy * (Math.min(x1, x + 1) - Math.max(x0, x)) * picture.sample(x, y, c);
            }
        }
        return sum / ((x1 - x0) * (y1 - y0));
    }

    /** Counts reduced decodes; {@code reduce} false hides the scaling, as the JDK decoder would. */
    private record Decoder(JpegDecoder turbo, boolean reduce, AtomicInteger reduced) implements JpegDecoder {
        @Override
        public PixelImage decode(byte[] jpeg, int offset, int length) throws IOException {
            return turbo.decode(jpeg, offset, length);
        }

        @Override
        public boolean reducesCheaply(int eighths) { return reduce && turbo.reducesCheaply(eighths); }

        @Override
        public PixelImage decodeReduced(byte[] jpeg, int eighths) throws IOException {
            reduced.incrementAndGet();
            return turbo.decodeReduced(jpeg, eighths);
        }
    }

    private static BufferedImage export(boolean reduce, Rect region, int w, int h, AtomicInteger reduced) throws Exception {
        DefaultImageService service = DefaultImageService.inRam(Config.defaults("/tmp/"), new ImageIoTestCodecs(), 0);
        try (TiffImageSource source = TiffImageSource.open(file, new Decoder(new TurboJpegDecoder(turbo), reduce, reduced))) {
            RenderedImage r = service.render(source, Requests.region(region, w, h, Rotation.NONE, Quality.DEFAULT,
                    OutputFormat.PNG, -1));
            return ImageIoTestCodecs.read(r.data());
        } finally {
            service.close();
        }
    }

    @ParameterizedTest
    @CsvSource({
            "0,0,1203,905,300,226",     // 2/8 wanted, 4/8 decoded (3/8 is slower than a full decode)
            "0,0,1203,905,140,105",     // 1/8
            "700,500,503,405,120,97",   // the right and bottom edges: partial scaled pixels, black padding
            "333,211,517,389,100,75",   // unaligned inside the image
            "64,64,300,256,100,80"})    // inside one row of tiles
    void aReducedExportMatchesTheFullDecodeAndTheStoredPicture(int x, int y, int rw, int rh, int w, int h) throws Exception {
        Rect region = new Rect(x, y, rw, rh);
        AtomicInteger reducedDecodes = new AtomicInteger(), none = new AtomicInteger();
        BufferedImage reduced = export(true, region, w, h, reducedDecodes);
        BufferedImage full = export(false, region, w, h, none);
        assertTrue(reducedDecodes.get() > 0, "tiles decoded reduced");
        assertEquals(0, none.get());
        assertEquals(w, reduced.getWidth());
        assertEquals(h, reduced.getHeight());
        double worstReduced = 0, worstFull = 0, worstBeyondFull = 0, sumReduced = 0;
        for (int oy = 0; oy < h; oy++) {
            for (int ox = 0; ox < w; ox++) {
                int a = reduced.getRGB(ox, oy), b = full.getRGB(ox, oy);
                // the last pixels before the right and bottom edges are stored mixed with the black
                // padding (JPEG ringing, chroma shared with it): there the stored picture is not the
                // reference, the full decode is
                boolean nearEdge = region.x() + (ox + 1.0) * region.width() / w > WIDTH - 16
                        || region.y() + (oy + 1.0) * region.height() / h > HEIGHT - 16;
                for (int c = 0; c < 3; c++) {
                    int shift = 16 - 8 * c;
                    double e = expected(region, w, h, ox, oy, c);
                    double errorReduced = Math.abs(((a >> shift) & 0xFF) - e), errorFull = Math.abs(((b >> shift) & 0xFF) - e);
                    if (!nearEdge) {
                        worstReduced = Math.max(worstReduced, errorReduced);
                        worstFull = Math.max(worstFull, errorFull);
                    }
                    worstBeyondFull = Math.max(worstBeyondFull, errorReduced - errorFull);
                    sumReduced += errorReduced;
                }
            }
        }
        String figures = "worst reduced " + worstReduced + ", full " + worstFull + ", reduced beyond full " + worstBeyondFull;
        assertTrue(worstFull <= 6, figures);
        assertTrue(worstReduced <= 6, figures);
        // padding never leaks in: at the edges too, the reduced export is as close as the full decode
        assertTrue(worstBeyondFull <= 6, figures);
        assertTrue(sumReduced / (w * h * 3) <= 1.5, "mean error " + sumReduced / (w * h * 3));
    }
}
