package org.tessera.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tessera.codec.PatternAssert.assertPattern;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tessera.image.PixelImage;
import org.tessera.image.Rect;
import org.tessera.testing.TestPattern;

class TurboJpegTest {
    private static TurboJpeg turbo;

    @BeforeAll
    static void load() {
        turbo = TurboJpeg.load();
    }

    @AfterAll
    static void close() {
        turbo.close();
    }

    @ParameterizedTest
    @CsvSource({"1,1,3", "17,33,3", "257,255,3", "256,256,3", "1,1,1", "17,33,1", "257,255,1"})
    void roundTripKeepsColoursAndSize(int w, int h, int channels) throws IOException {
        byte[] jpeg = new TurboJpegEncoder(turbo).encode(TestPattern.image(w, h, channels), 90);
        PixelImage decoded = new TurboJpegDecoder(turbo).decode(jpeg);
        assertEquals(channels, decoded.channels());
        assertPattern(decoded, w, h, 10);
        // The JDK decoder must agree: the output is ordinary JFIF.
        PixelImage viaImageIo = new ImageIoJpegDecoder().decode(jpeg);
        assertEquals(channels, viaImageIo.channels());
        assertPattern(viaImageIo, w, h, 10);
    }

    @ParameterizedTest
    @CsvSource({"256,256,3", "257,131,3", "17,33,1", "1,1,3"})
    void eighthsGiveTheRoundedUpScaledSize(int w, int h, int channels) throws IOException {
        byte[] jpeg = turbo.compress(TestPattern.image(w, h, channels), 90);
        for (int n = 1; n <= 8; n++) {
            PixelImage scaled = turbo.decompressEighths(jpeg, 0, jpeg.length, n);
            assertEquals((w * n + 7) / 8, scaled.width(), n + "/8");
            assertEquals((h * n + 7) / 8, scaled.height(), n + "/8");
            assertEquals(channels, scaled.channels());
            if (8 % n == 0) assertArrayEquals(turbo.decompressScaled(jpeg, 8 / n).pixels(), scaled.pixels());
        }
        assertThrows(IllegalArgumentException.class, () -> turbo.decompressEighths(jpeg, 0, jpeg.length, 9));
        assertThrows(IllegalArgumentException.class, () -> turbo.decompressEighths(jpeg, 0, jpeg.length, 0));
    }

    @Test
    void aHalfSizeDecodeKeepsTheColoursOfTheSquares() throws IOException {
        byte[] jpeg = turbo.compress(TestPattern.image(512, 384, 3), 90);
        PixelImage half = new TurboJpegDecoder(turbo).decodeReduced(jpeg, 4);
        for (int y = 16; y < 192; y += 32) {
            for (int x = 16; x < 256; x += 32) {
                int[] want = TestPattern.rgb(2 * x, 2 * y);
                int[] got = {half.sample(x, y, 0), half.sample(x, y, 1), half.sample(x, y, 2)};
                assertTrue(TestPattern.close(want, got, 12), x + "," + y + ": " + Arrays.toString(got));
            }
        }
    }

    @Test
    void greyJpegIsBaselineGreyscale() throws IOException {
        byte[] jpeg = turbo.compress(TestPattern.image(64, 64, 1), 75);
        assertEquals(1, componentsInFrame(jpeg));
        byte[] colour = turbo.compress(TestPattern.image(64, 64, 3), 75);
        assertEquals(3, componentsInFrame(colour));
        assertEquals(0x22, colour[frameHeader(colour) + 7] & 0xFF, "luma sampled 2x2: 4:2:0");
    }

    @Test
    void stripsJoinedWithRestartMarkersDecodeExactlyAsTheWholePicture() throws IOException {
        for (int channels : new int[] {3, 1}) {
            // 320x240 is encoded whole (under the 1 MB kept per handle); its strips of 64 rows too
            PixelImage whole = TestPattern.image(320, 240, channels);
            java.util.List<byte[]> strips = new java.util.ArrayList<>();
            for (int y = 0; y < 240; y += 64) {
                strips.add(turbo.compress(whole.crop(new org.tessera.image.Rect(0, y, 320, Math.min(64, 240 - y))), 80));
            }
            int mcu = channels == 3 ? 16 : 8;
            byte[] joined = JpegStrips.join(strips, 240, (320 / mcu) * (64 / mcu)).orElseThrow();
            PixelImage a = turbo.decompress(joined), b = turbo.decompress(turbo.compress(whole, 80));
            assertEquals(320, a.width());
            assertEquals(240, a.height());
            assertArrayEquals(b.pixels(), a.pixels(), channels + " channels: the same coefficients, the same pixels");
        }
        // strips of other settings do not join
        byte[] q80 = turbo.compress(TestPattern.image(64, 32, 3), 80), q90 = turbo.compress(TestPattern.image(64, 32, 3), 90);
        assertTrue(JpegStrips.join(java.util.List.of(q80, q90), 64, 8).isEmpty());
    }

    @Test
    void largePicturesAreEncodedInStripsJoinedWithRestartMarkers() throws IOException {
        // 1200x900 RGB is 3.2 MB of pixels, over the 1 MB a handle keeps: strips, never whole off the heap
        PixelImage large = TestPattern.image(1200, 900, 3);
        byte[] jpeg = turbo.compress(large, 85);
        assertTrue(hasMarker(jpeg, 0xDD), "a restart interval");
        assertTrue(hasMarker(jpeg, 0xD0), "restart markers");
        assertPattern(turbo.decompress(jpeg), 1200, 900, 10);
        assertArrayEquals(jpeg, turbo.compress(large, 85), "deterministic");
        // and a tile-sized one after it still takes the kept buffer
        assertPattern(turbo.decompress(turbo.compress(TestPattern.image(130, 70, 3), 90)), 130, 70, 10);
    }

    @Test
    void alphaIsDropped() throws IOException {
        PixelImage rgba = PatternAssert.withAlpha(TestPattern.image(130, 70, 3));
        PixelImage fromRgba = turbo.decompress(turbo.compress(rgba, 90));
        assertEquals(3, fromRgba.channels());
        assertPattern(fromRgba, 130, 70, 10);
        // Alpha dropped without touching colour: the same JPEG as from the RGB pixels alone.
        assertArrayEquals(turbo.compress(TestPattern.image(130, 70, 3), 90), turbo.compress(rgba, 90));

        PixelImage greyAlpha = PatternAssert.withAlpha(TestPattern.image(130, 70, 1));
        PixelImage fromGreyAlpha = turbo.decompress(turbo.compress(greyAlpha, 90));
        assertEquals(1, fromGreyAlpha.channels());
        assertPattern(fromGreyAlpha, 130, 70, 10);
    }

    @Test
    void lowerQualityGivesSmallerFiles() throws IOException {
        PixelImage image = PatternAssert.noisy(256, 256);
        int q10 = turbo.compress(image, 10).length, q50 = turbo.compress(image, 50).length, q95 = turbo.compress(image, 95).length;
        assertTrue(q10 < q50 && q50 < q95, q10 + " " + q50 + " " + q95);
        // Out-of-range qualities are clamped, not refused.
        assertArrayEquals(turbo.compress(image, 100), turbo.compress(image, 500));
        assertArrayEquals(turbo.compress(image, 1), turbo.compress(image, -3));
    }

    @Test
    void decodesFromAnOffset() throws IOException {
        byte[] jpeg = turbo.compress(TestPattern.image(100, 80, 3), 90);
        byte[] padded = new byte[jpeg.length + 20];
        System.arraycopy(jpeg, 0, padded, 7, jpeg.length);
        assertPattern(turbo.decompress(padded, 7, jpeg.length), 100, 80, 10);
    }

    @Test
    void corruptInputRaisesIOExceptionWithTheLibraryMessage() throws IOException {
        byte[] jpeg = turbo.compress(TestPattern.image(256, 256, 3), 90);
        IOException truncated = assertThrows(IOException.class, () -> turbo.decompress(Arrays.copyOf(jpeg, jpeg.length / 2)));
        assertTrue(truncated.getMessage().startsWith("JPEG decoding failed: "), truncated.getMessage());
        byte[] garbage = new byte[5000];
        new java.util.Random(1).nextBytes(garbage);
        IOException bad = assertThrows(IOException.class, () -> turbo.decompress(garbage));
        assertTrue(bad.getMessage().startsWith("Invalid JPEG: "), bad.getMessage());
        assertTrue(bad.getMessage().length() > "Invalid JPEG: ".length());
        assertThrows(IOException.class, () -> turbo.decompress(new byte[0]));
        assertThrows(IOException.class, () -> turbo.decompress(Arrays.copyOf(jpeg, 200)));
        // The codec is still usable after failures.
        assertPattern(turbo.decompress(jpeg), 256, 256, 10);
    }

    @Test
    void absurdHeaderSizesAreRefusedBeforeAllocating() throws IOException {
        byte[] jpeg = turbo.compress(TestPattern.image(16, 16, 3), 90);
        IOException wide = assertThrows(IOException.class, () -> turbo.decompress(withFrameSize(jpeg, 60_000, 8)));
        assertTrue(wide.getMessage().contains("too large"), wide.getMessage());
        IOException area = assertThrows(IOException.class, () -> turbo.decompress(withFrameSize(jpeg, 40_000, 40_000)));
        assertTrue(area.getMessage().contains("too large"), area.getMessage());
    }

    @Test
    void losslessCropTrimsAPaddedEdgeTile() throws IOException {
        for (int channels : new int[] {1, 3}) {
            PixelImage full = TestPattern.image(256, 256, channels);
            byte[] jpeg = turbo.compress(full, 90);
            byte[] cropped = turbo.losslessCrop(jpeg, 100, 37);
            PixelImage decoded = turbo.decompress(cropped);
            assertEquals(channels, decoded.channels());
            assertPattern(decoded, 100, 37, 10);
            // Same DCT coefficients: pixels equal the full decode's corner, apart from chroma
            // upsampling at the new right and bottom edges.
            PixelImage corner = turbo.decompress(jpeg).crop(new Rect(0, 0, 100, 37));
            for (int y = 0; y < 37; y++) {
                for (int x = 0; x < 100; x++) {
                    for (int c = 0; c < channels; c++) {
                        int diff = Math.abs(corner.sample(x, y, c) - decoded.sample(x, y, c));
                        int allowed = channels == 1 || (x < 90 && y < 30) ? 0 : 3;
                        assertTrue(diff <= allowed, "at " + x + "," + y + "," + c + " diff " + diff);
                    }
                }
            }
        }
    }

    @Test
    void losslessCropRefusesSizesOutsideTheImage() throws IOException {
        byte[] jpeg = turbo.compress(TestPattern.image(64, 48, 3), 90);
        assertThrows(IOException.class, () -> turbo.losslessCrop(jpeg, 65, 10));
        assertThrows(IOException.class, () -> turbo.losslessCrop(jpeg, 0, 10));
        assertSame(jpeg, turbo.losslessCrop(jpeg, 64, 48));
        assertThrows(IOException.class, () -> turbo.losslessCrop(new byte[] {1, 2, 3, 4, 5}, 1, 1));
    }

    @Test
    void concurrentRoundTripsShareThePool() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    int done = 0;
                    for (int i = 0; i < 200; i++) {
                        int w = 20 + (thread * 37 + i * 11) % 300, h = 20 + (thread * 53 + i * 7) % 200;
                        int channels = (i + thread) % 2 == 0 ? 3 : 1;
                        PixelImage decoded = turbo.decompress(turbo.compress(TestPattern.image(w, h, channels), 85));
                        assertEquals(channels, decoded.channels());
                        assertPattern(decoded, w, h, 12);
                        done++;
                    }
                    return done;
                }));
            }
            for (Future<Integer> r : results) assertEquals(200, r.get());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void closedCodecRefusesWork() throws IOException {
        TurboJpeg own = TurboJpeg.load();
        byte[] jpeg = own.compress(TestPattern.image(8, 8, 3), 80);
        own.close();
        assertThrows(IllegalStateException.class, () -> own.decompress(jpeg));
    }

    /** Offset of the SOF0 marker's payload in a baseline JPEG. */
    private static int frameHeader(byte[] jpeg) {
        for (int i = 2; i + 1 < jpeg.length; ) {
            if ((jpeg[i] & 0xFF) != 0xFF) throw new IllegalStateException("no marker at " + i);
            int marker = jpeg[i + 1] & 0xFF;
            if (marker == 0xC0) return i + 4;
            i += 2 + (((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF));
        }
        throw new IllegalStateException("no SOF0");
    }

    private static int componentsInFrame(byte[] jpeg) {
        return jpeg[frameHeader(jpeg) + 5] & 0xFF;
    }

    private static byte[] withFrameSize(byte[] jpeg, int width, int height) {
        byte[] copy = jpeg.clone();
        int sof = frameHeader(copy);
        copy[sof + 1] = (byte) (height >> 8);
        copy[sof + 2] = (byte) height;
        copy[sof + 3] = (byte) (width >> 8);
        copy[sof + 4] = (byte) width;
        return copy;
    }

    private static boolean hasMarker(byte[] jpeg, int code) {
        for (int i = 0; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == code) return true;
        }
        return false;
    }
}
