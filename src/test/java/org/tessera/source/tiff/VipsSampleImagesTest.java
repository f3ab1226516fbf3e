package org.tessera.source.tiff;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import java.util.Optional;
import org.tessera.codec.Webp;
import org.tessera.codec.WebpDecoder;
import org.tessera.error.UnsupportedImageException;
import org.tessera.image.ColourSpace;
import org.tessera.image.Level;
import org.tessera.image.PixelImage;
import org.tessera.testing.ImageIoJpegDecoder;
import org.tessera.testing.TestPattern;

/** The shipped files written by libvips/libtiff (scripts/make-test-images) parse and decode. */
class VipsSampleImagesTest {
    static final Path IMAGES = Path.of("test-images");
    static final ImageIoJpegDecoder DECODER = new ImageIoJpegDecoder();
    static final List<Level> PATTERN_LEVELS = List.of(new Level(1536, 1024, 256, 256), new Level(768, 512, 256, 256),
            new Level(384, 256, 256, 256), new Level(192, 128, 256, 256));

    @ParameterizedTest
    @CsvSource({"pattern.tif, 3, 12", "pattern-subifd.tif, 3, 12", "pattern-deflate.tif, 3, 0",
            "pattern-bigtiff-lzw.tif, 3, 0", "pattern-grey-packbits.tif, 1, 0"})
    void patternFilesDecodeToThePattern(String name, int channels, int tolerance) throws IOException {
        try (TiffImageSource src = TiffImageSource.open(IMAGES.resolve(name), DECODER)) {
            assertEquals(PATTERN_LEVELS, src.info().levels());
            assertEquals(channels, src.info().channels());
            assertEquals(channels == 1 ? ColourSpace.GREY : ColourSpace.SRGB, src.info().colourSpace());
            assertEquals(72.0, src.info().dpiX(), 0.1);
            for (int level = 0; level < 4; level++) {
                Level l = src.info().levels().get(level);
                for (int row = 0; row < l.tilesDown(); row++) {
                    for (int col = 0; col < l.tilesAcross(); col++) {
                        PixelImage tile = src.readTile(0, level, col, row);
                        assertEquals(l.tileRect(col, row).width(), tile.width());
                        assertEquals(l.tileRect(col, row).height(), tile.height());
                        checkCentres(tile, level, col * 256, row * 256, channels, tolerance);
                    }
                }
            }
        }
    }

    @Test
    void vipsJpegTilesPassThroughWithAnAdobeMarker() throws IOException {
        // vips stores JPEG tiles with Photometric RGB: untransformed components that need APP14.
        try (TiffImageSource src = TiffImageSource.open(IMAGES.resolve("pattern.tif"), DECODER)) {
            byte[] jpeg = src.storedTile(0, 0, 2, 1).filter(t -> !t.needsCrop()).map(org.tessera.source.StoredTile::data).orElseThrow();
            assertEquals(0xEE, jpeg[3] & 0xFF);
            PixelImage decoded = DECODER.decode(jpeg);
            assertArrayEquals(src.readTile(0, 0, 2, 1).pixels(), decoded.pixels());
            checkCentres(decoded, 0, 512, 256, 3, 12);
            assertTrue(src.storedTile(0, 3, 0, 0).filter(t -> !t.needsCrop()).map(org.tessera.source.StoredTile::data).isEmpty(), "192x128 level in a 256 tile is an edge tile");
        }
    }

    @Test
    void photoDecodes() throws IOException {
        try (TiffImageSource src = TiffImageSource.open(IMAGES.resolve("photo.tif"), DECODER)) {
            assertEquals(1024, src.info().width());
            assertEquals(768, src.info().height());
            PixelImage t = src.readTile(0, 0, 0, 0);
            // Top-left of the synthetic photo is a bluish sky, not black (colours decoded, not garbage).
            assertTrue(t.sample(5, 5, 2) > t.sample(5, 5, 0), "blue above red at the top");
            assertTrue(t.sample(5, 5, 2) > 100);
        }
    }

    @Test
    void webpTilesDecodeToThePattern() throws IOException {
        Optional<WebpDecoder> webp = Optional.of(new WebpDecoder(Webp.load()));
        try (TiffImageSource src = TiffImageSource.open(IMAGES.resolve("pattern-webp.tif"), DECODER, webp)) {
            assertEquals(PATTERN_LEVELS.subList(0, 1), src.info().levels(), "one level: no pyramid in this file");
            Level l = src.info().levels().get(0);
            for (int row = 0; row < l.tilesDown(); row++) {
                for (int col = 0; col < l.tilesAcross(); col++) {
                    checkCentres(src.readTile(0, 0, col, row), 0, col * 256, row * 256, 3, 12);
                }
            }
        }
    }

    @Test
    void webpTilesWithoutLibwebpAreUnsupported() throws IOException {
        try (TiffImageSource src = TiffImageSource.open(IMAGES.resolve("pattern-webp.tif"), DECODER)) {
            assertEquals(1536, src.info().width());
            var e = assertThrows(UnsupportedImageException.class, () -> src.readTile(0, 0, 0, 0));
            assertEquals("WebP-compressed TIFF needs libwebp, which is not loaded", e.getMessage());
        }
    }

    /** Every pattern square centre inside this tile matches the pattern at full resolution. */
    static void checkCentres(PixelImage tile, int level, int x0, int y0, int channels, int tolerance) {
        int half = TestPattern.SQUARE / 2;
        for (int cy = half; cy < 1024; cy += TestPattern.SQUARE) {
            for (int cx = half; cx < 1536; cx += TestPattern.SQUARE) {
                int x = (cx >> level) - x0, y = (cy >> level) - y0;
                if (x < 0 || y < 0 || x >= tile.width() || y >= tile.height()) continue;
                int[] want = channels == 1 ? new int[] {TestPattern.grey(cx, cy)} : TestPattern.rgb(cx, cy);
                int[] got = TiffImageSourceTest.pixel(tile, x, y);
                assertTrue(TestPattern.close(want, got, tolerance),
                        "level " + level + " at " + cx + "," + cy + ": " + java.util.Arrays.toString(want) + " vs " + java.util.Arrays.toString(got));
            }
        }
    }
}
