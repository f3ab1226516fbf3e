package org.tessera.codec;

import org.tessera.config.TiffCompression;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tessera.codec.PatternAssert.assertPattern;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tessera.image.PixelImage;
import org.tessera.testing.TestPattern;

class TiffEncoderTest {
    private static final int COMPRESSION = 259, PHOTOMETRIC = 262, SAMPLES_PER_PIXEL = 277, TILE_WIDTH = 322, STRIP_OFFSETS = 273;

    @ParameterizedTest
    @CsvSource({
            "NONE,1,1,1", "NONE,17,33,3", "NONE,257,255,1", "NONE,257,255,3",
            "LZW,1,1,3", "LZW,17,33,1", "LZW,257,255,3",
            "DEFLATE,1,1,1", "DEFLATE,17,33,3", "DEFLATE,257,255,3", "DEFLATE,257,255,1"})
    void losslessModesRoundTripExactly(TiffCompression compression, int w, int h, int channels) throws IOException {
        PixelImage image = TestPattern.image(w, h, channels);
        byte[] tiff = new TiffEncoder(compression).encode(image, 6);
        Map<Integer, Long> tags = firstIfd(tiff);
        assertEquals(new long[] {1, 5, 8}[compression.ordinal()], tags.get(COMPRESSION));
        assertEquals(channels == 1 ? 1 : 2, tags.get(PHOTOMETRIC), "MinIsBlack for grey, RGB for colour");
        assertEquals(channels, tags.get(SAMPLES_PER_PIXEL));
        assertTrue(tags.containsKey(STRIP_OFFSETS));
        assertFalse(tags.containsKey(TILE_WIDTH), "strips, not tiles");
        PixelImage decoded = PatternAssert.readWithImageIo(tiff);
        assertEquals(channels, decoded.channels());
        assertEquals(w, decoded.width());
        assertEquals(h, decoded.height());
        assertArrayEquals(image.pixels(), decoded.pixels());
    }

    @Test
    void alphaBecomesAnExtraSample() throws IOException {
        PixelImage rgba = PatternAssert.withAlpha(TestPattern.image(70, 40, 3));
        byte[] tiff = new TiffEncoder(TiffCompression.DEFLATE).encode(rgba, 1);
        assertEquals(4, firstIfd(tiff).get(SAMPLES_PER_PIXEL));
        assertArrayEquals(rgba.pixels(), PatternAssert.readWithImageIo(tiff).pixels());
    }

    @Test
    void jpegCompressionIsCloseAndDropsAlpha() throws IOException {
        TiffEncoder encoder = new TiffEncoder(TiffCompression.JPEG);
        byte[] tiff = encoder.encode(PatternAssert.withAlpha(TestPattern.image(200, 130, 3)), 90);
        Map<Integer, Long> tags = firstIfd(tiff);
        assertEquals(7, tags.get(COMPRESSION));
        assertEquals(3, tags.get(SAMPLES_PER_PIXEL));
        assertPattern(PatternAssert.readWithImageIo(tiff), 200, 130, 12);
        byte[] grey = encoder.encode(TestPattern.image(200, 130, 1), 90);
        assertEquals(1, firstIfd(grey).get(PHOTOMETRIC));
        assertPattern(PatternAssert.readWithImageIo(grey), 200, 130, 12);
    }

    @Test
    void deflateLevelAndRequestCompressionApply() throws IOException {
        PixelImage image = PatternAssert.noisy(256, 256);
        TiffEncoder encoder = new TiffEncoder(TiffCompression.DEFLATE);
        byte[] level1 = encoder.encode(image, 1), level9 = encoder.encode(image, 9);
        assertTrue(level9.length < level1.length, level9.length + " vs " + level1.length);
        byte[] none = encoder.encode(image, TiffCompression.NONE, 0);
        assertEquals(1, firstIfd(none).get(COMPRESSION));
        assertTrue(none.length > image.pixels().length);
        for (int level = 1; level <= 9; level++) {
            // The JDK TIFF deflater's own computation of its level.
            assertEquals(level, (int) (1 + 8 * TiffEncoder.deflateQuality(level)));
        }
    }

    @Test
    void iipsrvCompressionCodes() {
        assertEquals(TiffCompression.NONE, TiffCompression.fromIipsrv(0));
        assertEquals(TiffCompression.LZW, TiffCompression.fromIipsrv(1));
        assertEquals(TiffCompression.DEFLATE, TiffCompression.fromIipsrv(2));
        assertEquals(TiffCompression.JPEG, TiffCompression.fromIipsrv(3));
        assertEquals(TiffCompression.NONE, TiffCompression.fromIipsrv(-1));
        assertEquals(TiffCompression.NONE, TiffCompression.fromIipsrv(7));
    }

    /** Tag -> first value of the first IFD (SHORT or LONG tags only). */
    private static Map<Integer, Long> firstIfd(byte[] tiff) {
        ByteBuffer b = ByteBuffer.wrap(tiff).order(tiff[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        assertEquals(42, b.getShort(2));
        int ifd = b.getInt(4);
        int count = b.getShort(ifd) & 0xFFFF;
        Map<Integer, Long> tags = new HashMap<>();
        for (int i = 0; i < count; i++) {
            int entry = ifd + 2 + 12 * i;
            int tag = b.getShort(entry) & 0xFFFF, type = b.getShort(entry + 2);
            long value = type == 3 ? b.getShort(entry + 8) & 0xFFFF : b.getInt(entry + 8) & 0xFFFFFFFFL;
            tags.put(tag, value);
        }
        assertEquals(0, b.getInt(ifd + 2 + 12 * count), "a single image");
        return tags;
    }
}
