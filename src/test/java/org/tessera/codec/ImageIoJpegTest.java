package org.tessera.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tessera.codec.PatternAssert.assertPattern;

import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tessera.image.PixelImage;
import org.tessera.testing.TestPattern;

class ImageIoJpegTest {
    private final ImageIoJpegEncoder encoder = new ImageIoJpegEncoder();
    private final ImageIoJpegDecoder decoder = new ImageIoJpegDecoder();

    @ParameterizedTest
    @CsvSource({"1,1,3", "17,33,3", "257,255,3", "1,1,1", "17,33,1", "257,255,1"})
    void roundTripKeepsColoursAndSize(int w, int h, int channels) throws IOException {
        byte[] jpeg = encoder.encode(TestPattern.image(w, h, channels), 90);
        PixelImage decoded = decoder.decode(jpeg);
        assertEquals(channels, decoded.channels());
        assertPattern(decoded, w, h, 10);
        // libjpeg-turbo reads what the fallback writes.
        try (TurboJpeg turbo = TurboJpeg.load()) {
            assertPattern(turbo.decompress(jpeg), w, h, 10);
        }
    }

    @Test
    void alphaIsDropped() throws IOException {
        PixelImage rgba = PatternAssert.withAlpha(TestPattern.image(90, 70, 3));
        PixelImage decoded = decoder.decode(encoder.encode(rgba, 90));
        assertEquals(3, decoded.channels());
        assertPattern(decoded, 90, 70, 10);
        PixelImage greyAlpha = PatternAssert.withAlpha(TestPattern.image(90, 70, 1));
        PixelImage grey = decoder.decode(encoder.encode(greyAlpha, 90));
        assertEquals(1, grey.channels());
        assertPattern(grey, 90, 70, 10);
    }

    @Test
    void lowerQualityGivesSmallerFiles() throws IOException {
        PixelImage image = PatternAssert.noisy(256, 256);
        assertTrue(encoder.encode(image, 10).length < encoder.encode(image, 95).length);
    }

    @Test
    void corruptInputRaisesIOException() throws IOException {
        byte[] jpeg = encoder.encode(TestPattern.image(128, 128, 3), 90);
        byte[] garbage = new byte[3000];
        new java.util.Random(7).nextBytes(garbage);
        assertThrows(IOException.class, () -> decoder.decode(garbage));
        assertThrows(IOException.class, () -> decoder.decode(new byte[0]));
        assertThrows(IOException.class, () -> decoder.decode(Arrays.copyOf(jpeg, 100)));
    }
}
