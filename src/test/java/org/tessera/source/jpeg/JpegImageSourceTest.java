package org.tessera.source.jpeg;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.codec.JpegDecoder;
import org.tessera.codec.TurboJpeg;
import org.tessera.codec.TurboJpegDecoder;
import org.tessera.error.CorruptImageException;
import org.tessera.error.ImageException;
import org.tessera.error.InvalidRequestException;
import org.tessera.image.ColourSpace;
import org.tessera.image.Level;
import org.tessera.image.PixelImage;
import org.tessera.source.ImageSource;
import org.tessera.source.jp2.Jp2Fixtures;
import org.tessera.testing.TestPattern;

/**
 * Plain JPEG files as sources: levels from DCT scaling (1/2, 1/4, 1/8), each level decoded at its
 * own scale only, tiles cut from it; a CMYK JPEG made by vips converts to the RGB that vips itself
 * makes of it; metadata from JFIF, APP1 XMP and APP2 ICC markers.
 */
class JpegImageSourceTest {
    @TempDir
    static Path dir;
    static TurboJpeg turbo;
    static PixelImage pattern;
    static Path rgbJpeg;

    @BeforeAll
    static void setUp() throws IOException {
        turbo = TurboJpeg.load();
        pattern = TestPattern.image(1500, 1100, 3);
        rgbJpeg = dir.resolve("pattern.jpg");
        Files.write(rgbJpeg, turbo.compress(pattern, 95));
    }

    /** Records the scales it was asked to decode at. */
    static final class CountingDecoder implements JpegDecoder {
        final List<Integer> scales = new ArrayList<>();
        private final JpegDecoder inner;

        CountingDecoder(JpegDecoder inner) {
            this.inner = inner;
        }

        @Override
        public PixelImage decode(byte[] jpeg, int offset, int length) throws IOException {
            scales.add(1);
            return inner.decode(jpeg, offset, length);
        }

        @Override
        public PixelImage decodeScaled(byte[] jpeg, int denominator) throws IOException {
            scales.add(denominator);
            return inner.decodeScaled(jpeg, denominator);
        }
    }

    static ImageSource open(JpegFormat format, Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return format.open(ch, file, Instant.EPOCH);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Test
    void levelsComeFromDctScalingAndEachDecodesOnlyAtItsScale() throws IOException {
        CountingDecoder decoder = new CountingDecoder(new TurboJpegDecoder(turbo));
        JpegFormat format = new JpegFormat(decoder, 64L << 20, "");
        try (ImageSource src = open(format, rgbJpeg)) {
            assertEquals(List.of(new Level(1500, 1100, 256, 256), new Level(750, 550, 256, 256),
                    new Level(375, 275, 256, 256), new Level(188, 138, 256, 256)), src.info().levels());
            assertEquals(ColourSpace.SRGB, src.info().colourSpace());
            // the thumbnail level decodes at 1/8, never in full
            PixelImage thumb = src.readTile(0, 3, 0, 0);
            assertEquals(List.of(8), decoder.scales);
            assertEquals(188, thumb.width());
            assertEquals(138, thumb.height());
            assertEquals(0, Jp2Fixtures.maxDifference(turbo.decompressScaled(Files.readAllBytes(rgbJpeg), 8), thumb));
            // squares of the pattern are 8 px at this scale: centres keep their colours
            for (int y = 4; y < 138; y += 8) {
                for (int x = 4; x < 188; x += 8) {
                    int[] want = TestPattern.rgb(x * 8, y * 8);
                    for (int c = 0; c < 3; c++) assertEquals(want[c], thumb.sample(x, y, c), 12, "at " + x + "," + y);
                }
            }
            // every tile of the full level, each against the pattern, with one decode for all of them
            Level full = src.info().levels().get(0);
            for (int row = 0; row < full.tilesDown(); row++) {
                for (int col = 0; col < full.tilesAcross(); col++) {
                    PixelImage tile = src.readTile(0, 0, col, row);
                    var cell = full.tileRect(col, row);
                    assertEquals(cell.width(), tile.width());
                    int cx = cell.x() + tile.width() / 2, cy = cell.y() + tile.height() / 2;
                    // a pixel well inside a square
                    cx = cx / 64 * 64 + 32;
                    cy = cy / 64 * 64 + 32;
                    if (cx >= cell.right() || cy >= cell.bottom()) continue;
                    int[] want = TestPattern.rgb(cx, cy);
                    for (int c = 0; c < 3; c++) assertEquals(want[c], tile.sample(cx - cell.x(), cy - cell.y(), c), 6);
                }
            }
            assertEquals(List.of(8, 1), decoder.scales);
            assertThrows(InvalidRequestException.class, () -> src.readTile(0, 4, 0, 0));
            assertThrows(InvalidRequestException.class, () -> src.readTile(0, 0, 6, 0));
        }
        // a second request opens its own source and finds the level decoded
        try (ImageSource again = open(format, rgbJpeg)) {
            again.readTile(0, 0, 2, 2);
            assertEquals(List.of(8, 1), decoder.scales);
        }
    }

    @Test
    void greyJpegAndMetadataMarkers() throws IOException {
        PixelImage grey = TestPattern.image(300, 200, 1);
        byte[] jpeg = turbo.compress(grey, 90);
        // JFIF with 300 dpi, then XMP (APP1) and an ICC profile in two APP2 chunks, all after SOI
        byte[] jfif = segment(0xE0, concat("JFIF\0".getBytes(), new byte[] {1, 2, 1, 0x01, 0x2C, 0x01, 0x2C, 0, 0}));
        byte[] xmp = segment(0xE1, concat("http://ns.adobe.com/xap/1.0/\0".getBytes(), "<x:xmpmeta>hi</x:xmpmeta>".getBytes()));
        byte[] icc1 = segment(0xE2, concat("ICC_PROFILE\0".getBytes(), new byte[] {1, 2, 'a', 'b'}));
        byte[] icc2 = segment(0xE2, concat("ICC_PROFILE\0".getBytes(), new byte[] {2, 2, 'c', (byte) 0xFF}));
        byte[] body = java.util.Arrays.copyOfRange(jpeg, 2, jpeg.length);
        if ((body[0] & 0xFF) == 0xFF && (body[1] & 0xFF) == 0xE0) {
            int len = ((body[2] & 0xFF) << 8) | (body[3] & 0xFF);
            body = java.util.Arrays.copyOfRange(body, 2 + len, body.length); // drop TurboJPEG's own JFIF
        }
        Path file = dir.resolve("grey.jpg");
        Files.write(file, concat(new byte[] {(byte) 0xFF, (byte) 0xD8}, jfif, xmp, icc1, icc2, body));
        try (ImageSource src = open(new JpegFormat(new TurboJpegDecoder(turbo), 1 << 20, ""), file)) {
            assertEquals(1, src.info().channels());
            assertEquals(ColourSpace.GREY, src.info().colourSpace());
            assertEquals(List.of(new Level(300, 200, 256, 256), new Level(150, 100, 256, 256)), src.info().levels());
            assertEquals(300.0, src.info().dpiX(), 1e-9);
            assertEquals("<x:xmpmeta>hi</x:xmpmeta>", src.info().metadata().get("xmp"));
            assertEquals("abc\u00FF", src.info().metadata().get("icc"));
            PixelImage tile = src.readTile(0, 0, 0, 0);
            assertEquals(1, tile.channels());
            assertEquals(TestPattern.grey(32, 32), tile.sample(32, 32, 0), 4);
        }
    }

    @Test
    void cmykJpegConvertsLikeVips() throws IOException {
        Jp2Fixtures.requireTool("vips");
        Path png = dir.resolve("pattern.png");
        Path ppm = Jp2Fixtures.writePnm(TestPattern.image(640, 384, 3), dir.resolve("cmyk-src.ppm"));
        Jp2Fixtures.run(List.of("/usr/bin/vips", "copy", ppm.toString(), png.toString()));
        Path cmyk = dir.resolve("cmyk.jpg");
        Jp2Fixtures.run(List.of("/usr/bin/vips", "icc_export", png.toString(), cmyk + "[Q=95]", "--output-profile", "cmyk"));
        // vips's own reading of the CMYK file, through its embedded profile, back to sRGB
        Path back = dir.resolve("cmyk-back.ppm");
        Jp2Fixtures.run(List.of("/usr/bin/vips", "icc_import", cmyk.toString(), dir.resolve("lab.v").toString(), "--embedded"));
        Jp2Fixtures.run(List.of("/usr/bin/vips", "icc_export", dir.resolve("lab.v").toString(), back.toString(), "--output-profile", "srgb"));
        PixelImage reference = Jp2Fixtures.readPnm(back);
        try (ImageSource src = open(new JpegFormat(new TurboJpegDecoder(turbo), 16L << 20, ""), cmyk)) {
            assertEquals(3, src.info().channels());
            assertTrue(src.info().metadata().containsKey("icc"), "the embedded CMYK profile is reported");
            PixelImage full = ((JpegImageSource) src).readLevel(0);
            // centres of the squares: both colour managements agree to a few levels
            for (int y = 32; y < 384; y += 64) {
                for (int x = 32; x < 640; x += 64) {
                    for (int c = 0; c < 3; c++) {
                        assertEquals(reference.sample(x, y, c), full.sample(x, y, c), 12, "at " + x + "," + y + " channel " + c);
                    }
                }
            }
            PixelImage half = ((JpegImageSource) src).readLevel(1);
            assertEquals(320, half.width());
            assertEquals(reference.sample(96, 96, 0), half.sample(48, 48, 0), 12);
        }
    }

    @Test
    void damagedJpegsFailWithADomainError() throws IOException {
        byte[] good = Files.readAllBytes(rgbJpeg);
        JpegFormat format = new JpegFormat(new TurboJpegDecoder(turbo), 0, "");
        for (int cut : new int[] {3, 10, 200, 700, good.length / 2, good.length - 10}) {
            Path file = dir.resolve("cut.jpg");
            Files.write(file, java.util.Arrays.copyOf(good, cut));
            try (ImageSource src = open(format, file)) {
                assertThrows(CorruptImageException.class, () -> src.readTile(0, 0, 0, 0), "cut at " + cut);
            } catch (ImageException e) {
                assertInstanceOf(CorruptImageException.class, e, "cut at " + cut);
            }
        }
    }

    private static byte[] segment(int marker, byte[] body) {
        int length = body.length + 2;
        return concat(new byte[] {(byte) 0xFF, (byte) marker, (byte) (length >> 8), (byte) length}, body);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }
}
