package org.tessera.codec;

import org.tessera.config.TiffCompression;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tessera.codec.PatternAssert.assertPattern;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.tessera.format.OutputFormat;
import org.tessera.testing.TestPattern;

class DefaultCodecsTest {
    @Test
    void detectUsesTheInstalledNativeLibraries() throws IOException {
        // This machine has libturbojpeg0 and libwebp7 installed (see the helper brief).
        try (DefaultCodecs codecs = DefaultCodecs.detect()) {
            assertTrue(codecs.nativeJpeg());
            assertInstanceOf(TurboJpegDecoder.class, codecs.jpegDecoder());
            assertInstanceOf(TurboJpegEncoder.class, codecs.encoder(OutputFormat.JPEG).orElseThrow());
            assertInstanceOf(WebpEncoder.class, codecs.encoder(OutputFormat.WEBP).orElseThrow());
            assertTrue(codecs.turboJpeg().isPresent());
            for (OutputFormat format : OutputFormat.values()) {
                assertEquals(format, codecs.encoder(format).orElseThrow().format());
            }
            byte[] jpeg = codecs.encoder(OutputFormat.JPEG).orElseThrow().encode(TestPattern.image(100, 70, 3), 85);
            assertPattern(codecs.jpegDecoder().decode(jpeg), 100, 70, 10);
            byte[] webp = codecs.encoder(OutputFormat.WEBP).orElseThrow().encode(TestPattern.image(100, 70, 3), -1);
            assertPattern(codecs.webpDecoder().orElseThrow().decode(webp), 100, 70, 0);
        }
    }

    @Test
    void jdkOnlyFallsBackToImageIoAndOffersNoWebp() throws IOException {
        try (DefaultCodecs codecs = DefaultCodecs.jdkOnly(TiffCompression.LZW)) {
            assertFalse(codecs.nativeJpeg());
            assertInstanceOf(ImageIoJpegDecoder.class, codecs.jpegDecoder());
            assertInstanceOf(ImageIoJpegEncoder.class, codecs.encoder(OutputFormat.JPEG).orElseThrow());
            assertTrue(codecs.encoder(OutputFormat.WEBP).isEmpty());
            assertTrue(codecs.webpDecoder().isEmpty());
            assertTrue(codecs.turboJpeg().isEmpty());
            byte[] jpeg = codecs.encoder(OutputFormat.JPEG).orElseThrow().encode(TestPattern.image(100, 70, 1), 85);
            assertPattern(codecs.jpegDecoder().decode(jpeg), 100, 70, 10);
            byte[] tiff = codecs.encoder(OutputFormat.TIFF).orElseThrow().encode(TestPattern.image(30, 20, 3), 0);
            assertEquals(5, compressionTag(tiff), "LZW, the configured TIFF compression");
        }
    }

    /** The Compression tag of the first IFD. */
    private static int compressionTag(byte[] tiff) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(tiff)
                .order(tiff[0] == 'I' ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
        int ifd = b.getInt(4), count = b.getShort(ifd) & 0xFFFF;
        for (int i = 0; i < count; i++) {
            int entry = ifd + 2 + 12 * i;
            if ((b.getShort(entry) & 0xFFFF) == 259) return b.getShort(entry + 8) & 0xFFFF;
        }
        return -1;
    }
}
