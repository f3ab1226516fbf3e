package org.tessera.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tessera.image.PixelImage;
import org.tessera.format.OutputFormat;
import org.tessera.testing.TestPattern;

class PngEncoderTest {
    private final PngEncoder encoder = new PngEncoder();

    @ParameterizedTest
    @CsvSource({"1,1,1", "17,33,1", "257,255,1", "1,1,3", "17,33,3", "257,255,3", "17,33,2", "257,255,4"})
    void losslessRoundTrip(int w, int h, int channels) throws IOException {
        PixelImage image = channels == 2 || channels == 4
                ? PatternAssert.withAlpha(TestPattern.image(w, h, channels - 1)) : TestPattern.image(w, h, channels);
        byte[] png = encoder.encode(image, 1);
        assertEquals(OutputFormat.PNG, encoder.format());
        assertEquals(new int[] {0, 4, 2, 6}[channels - 1], png[25], "IHDR colour type");
        assertEquals(8, png[24], "bit depth");
        PixelImage decoded = PatternAssert.readWithImageIo(png);
        assertEquals(channels, decoded.channels());
        assertEquals(w, decoded.width());
        assertEquals(h, decoded.height());
        assertArrayEquals(image.pixels(), decoded.pixels());
    }

    @Test
    void levelZeroIsLargerThanLevelNine() throws IOException {
        PixelImage image = TestPattern.image(256, 256, 3);
        byte[] stored = encoder.encode(image, 0), best = encoder.encode(image, 9);
        assertTrue(stored.length > best.length, stored.length + " vs " + best.length);
        // Level 0 stores: at least one byte per sample.
        assertTrue(stored.length > image.pixels().length);
        assertArrayEquals(image.pixels(), PatternAssert.readWithImageIo(best).pixels());
        // Out-of-range levels clamp.
        assertArrayEquals(best, encoder.encode(image, 42));
    }

    @Test
    void everyZlibLevelMapsBackExactlyThroughTheJdkFormula() {
        for (int level = 0; level <= 9; level++) {
            // The JDK PNG writer's own computation of its deflater level.
            assertEquals(level, 9 - Math.round(9f * PngEncoder.compressionQuality(level)));
        }
    }
}
