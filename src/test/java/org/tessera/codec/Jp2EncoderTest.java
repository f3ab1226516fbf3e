package org.tessera.codec;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tessera.image.PixelImage;
import org.tessera.format.OutputFormat;
import org.tessera.source.jp2.Jp2Fixtures;
import org.tessera.testing.TestPattern;

/** JP2 output through OpenJPEG's encoder, read back by opj_decompress. */
class Jp2EncoderTest {
    @TempDir
    Path dir;

    private final Jp2Encoder encoder = new Jp2Encoder(Jp2Fixtures.openJpeg());

    private PixelImage roundTrip(byte[] jp2, String name) throws IOException {
        Path file = dir.resolve(name + ".jp2");
        Files.write(file, jp2);
        return Jp2Fixtures.opjDecompress(file, dir, 0, 0);
    }

    @ParameterizedTest
    @CsvSource({"300, 200, 3", "257, 129, 1", "1, 1, 3", "3, 2, 1", "64, 1, 3"})
    void losslessRoundTripsExactly(int w, int h, int channels) throws IOException {
        PixelImage image = Jp2Fixtures.picture(w, h, channels);
        byte[] jp2 = encoder.encode(image, 100);
        assertArrayEquals(new byte[] {0, 0, 0, 0x0C, 'j', 'P', ' ', ' ', 0x0D, 0x0A, (byte) 0x87, 0x0A},
                java.util.Arrays.copyOf(jp2, 12), "a JP2 file, signature box first");
        assertEquals(0, Jp2Fixtures.maxDifference(image, roundTrip(jp2, "lossless-" + w + "x" + h)));
    }

    @Test
    void lossyQualityTradesSizeForError() throws IOException {
        PixelImage image = TestPattern.image(512, 384, 3);
        byte[] high = encoder.encode(image, 90);
        byte[] low = encoder.encode(image, 40);
        assertTrue(low.length < high.length, low.length + " < " + high.length);
        assertTrue(high.length < image.pixels().length / 4, "lossy at 90 compresses at least 4:1: " + high.length);
        PixelImage decoded = roundTrip(high, "q90");
        // centres of the solid squares survive
        for (int y = 32; y < 384; y += 64) {
            for (int x = 32; x < 512; x += 64) {
                int[] want = TestPattern.rgb(x, y);
                for (int c = 0; c < 3; c++) assertEquals(want[c], decoded.sample(x, y, c), 6);
            }
        }
    }

    @Test
    void alphaIsKeptAsAnOpacityChannel() throws IOException {
        PixelImage rgba = Jp2Fixtures.picture(100, 60, 4);
        byte[] jp2 = encoder.encode(rgba, 100);
        Path file = dir.resolve("alpha.jp2");
        Files.write(file, jp2);
        // the source sees the fourth channel as opacity (cdef box) and serves RGBA
        try (var ch = java.nio.channels.FileChannel.open(file)) {
            OpenJpeg.Header h = Jp2Fixtures.openJpeg().readHeader(ch, OpenJpeg.Container.JP2);
            assertEquals(4, h.components());
            PixelImage back = Jp2Fixtures.openJpeg().decode(ch, OpenJpeg.Container.JP2, new OpenJpeg.Window(0, 0, 100, 60, 0, 0, 1), 4);
            assertEquals(0, Jp2Fixtures.maxDifference(rgba, back));
        }
        try (var src = Jp2Fixtures.open(file, -1)) {
            assertEquals(4, src.info().channels());
            assertEquals(0, Jp2Fixtures.maxDifference(rgba.crop(new org.tessera.image.Rect(0, 0, 100, 60)), src.readTile(0, 0, 0, 0)));
        }
    }

    @Test
    void formatIsJp2() {
        assertEquals(OutputFormat.JP2, encoder.format());
        assertEquals("image/jp2", OutputFormat.JP2.mimeType());
    }
}
