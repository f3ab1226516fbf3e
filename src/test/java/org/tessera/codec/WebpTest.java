package org.tessera.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tessera.codec.PatternAssert.assertPattern;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tessera.image.PixelImage;
import org.tessera.testing.TestPattern;

class WebpTest {
    private final Webp webp = Webp.load();
    private final WebpEncoder encoder = new WebpEncoder(webp);
    private final WebpDecoder decoder = new WebpDecoder(webp);

    @ParameterizedTest
    @CsvSource({"1,1,3", "17,33,3", "257,255,3", "1,1,1", "17,33,1", "257,255,1"})
    void lossyRoundTrip(int w, int h, int channels) throws IOException {
        byte[] data = encoder.encode(TestPattern.image(w, h, channels), 90);
        assertEquals("RIFF", new String(data, 0, 4, StandardCharsets.US_ASCII));
        assertEquals("WEBP", new String(data, 8, 4, StandardCharsets.US_ASCII));
        assertArrayEquals(new int[] {w, h}, webp.size(data));
        PixelImage decoded = decoder.decode(data);
        assertEquals(3, decoded.channels(), "grey is widened to RGB");
        if (channels == 3) assertPattern(decoded, w, h, 12);
        else {
            assertEquals(w, decoded.width());
            assertEquals(h, decoded.height());
            for (int[] p : PatternAssert.probes(w, h)) {
                int expected = TestPattern.grey(p[0], p[1]);
                for (int c = 0; c < 3; c++) assertTrue(Math.abs(decoded.sample(p[0], p[1], c) - expected) <= 12);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"1,1,3", "17,33,3", "257,255,3", "257,255,4"})
    void losslessIsExact(int w, int h, int channels) throws IOException {
        PixelImage image = channels == 4 ? PatternAssert.withAlpha(TestPattern.image(w, h, 3)) : TestPattern.image(w, h, 3);
        PixelImage decoded = decoder.decode(encoder.encode(image, -1));
        assertEquals(channels, decoded.channels());
        assertArrayEquals(image.pixels(), decoded.pixels());
    }

    @Test
    void losslessGreyAndGreyAlphaWidenExactly() throws IOException {
        PixelImage grey = TestPattern.image(40, 30, 1);
        PixelImage rgb = decoder.decode(encoder.encode(grey, -1));
        assertEquals(3, rgb.channels());
        PixelImage greyAlpha = PatternAssert.withAlpha(grey);
        PixelImage rgba = decoder.decode(encoder.encode(greyAlpha, -5));
        assertEquals(4, rgba.channels());
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(grey.sample(x, y, 0), rgb.sample(x, y, c));
                    assertEquals(grey.sample(x, y, 0), rgba.sample(x, y, c));
                }
                assertEquals(PatternAssert.alpha(x, y) & 0xFF, rgba.sample(x, y, 3));
            }
        }
    }

    @Test
    void lowerQualityGivesSmallerFiles() throws IOException {
        // A noisy picture: on flat colour, lossy WebP at q10 can spend more bytes than at q95.
        PixelImage image = PatternAssert.noisy(256, 256);
        int q10 = encoder.encode(image, 10).length, q95 = encoder.encode(image, 95).length;
        assertTrue(q10 < q95, q10 + " vs " + q95);
    }

    @Test
    void refusesWhatWebpCannotHoldAndCorruptData() throws IOException {
        assertThrows(IOException.class, () -> encoder.encode(PixelImage.blank(16384, 1, 3), 50));
        byte[] data = encoder.encode(TestPattern.image(64, 64, 3), 80);
        assertThrows(IOException.class, () -> decoder.decode(Arrays.copyOf(data, data.length / 2)));
        byte[] garbage = new byte[500];
        new java.util.Random(3).nextBytes(garbage);
        assertThrows(IOException.class, () -> decoder.decode(garbage));
        assertThrows(IOException.class, () -> decoder.decode(new byte[4]));
    }
}
