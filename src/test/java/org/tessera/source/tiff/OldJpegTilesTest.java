package org.tessera.source.tiff;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tessera.image.PixelImage;
import org.tessera.testing.ImageIoJpegDecoder;
import org.tessera.testing.TestPattern;

/**
 * Old-style JPEG (Compression 6) tiles, as scanners wrote them: each tile a complete JPEG stream,
 * with or without JPEGInterchangeFormat pointing at it. No current tool writes these, so the file
 * is assembled here; the reference pixels are the JDK's decode of the same JPEG streams.
 */
class OldJpegTilesTest {
    static final int TILE = 128, W = 256, H = 128;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void tilesDecodeLikeTheirJpegStreams(boolean interchangeFormat) throws IOException {
        byte[][] jpegs = new byte[2][];
        for (int col = 0; col < 2; col++) jpegs[col] = jpeg(col * TILE);
        Path tif = dir.resolve("ojpeg.tif");
        Files.write(tif, file(jpegs, interchangeFormat));
        try (TiffImageSource src = TiffImageSource.open(tif, new ImageIoJpegDecoder())) {
            assertEquals(3, src.info().channels());
            for (int col = 0; col < 2; col++) {
                PixelImage tile = src.readTile(0, 0, col, 0);
                BufferedImage ref = ImageIO.read(new ByteArrayInputStream(jpegs[col]));
                for (int y = 0; y < TILE; y++) {
                    for (int x = 0; x < TILE; x++) {
                        int rgb = ref.getRGB(x, y);
                        int[] want = {rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF};
                        for (int c = 0; c < 3; c++) {
                            assertTrue(Math.abs(want[c] - tile.sample(x, y, c)) <= 1,
                                    "tile " + col + " at " + x + "," + y + ": " + want[c] + " vs " + tile.sample(x, y, c));
                        }
                    }
                }
            }
        }
    }

    private static byte[] jpeg(int x0) throws IOException {
        BufferedImage img = new BufferedImage(TILE, TILE, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < TILE; y++) {
            for (int x = 0; x < TILE; x++) {
                int[] c = TestPattern.rgb(x0 + x, y);
                img.setRGB(x, y, c[0] << 16 | c[1] << 8 | c[2]);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(img, "jpeg", out));
        return out.toByteArray();
    }

    /** Little-endian TIFF: header, IFD, BitsPerSample and tile arrays, then the JPEG streams. */
    private static byte[] file(byte[][] jpegs, boolean interchangeFormat) {
        int entries = interchangeFormat ? 12 : 10;
        int arrays = 8 + 2 + 12 * entries + 4;
        int dataAt = arrays + 6 + 8 + 8;
        int total = dataAt + jpegs[0].length + jpegs[1].length;
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8).putShort((short) entries);
        entry(b, 256, 4, 1, W);
        entry(b, 257, 4, 1, H);
        entry(b, 258, 3, 3, arrays);
        entry(b, 259, 3, 1, 6);
        entry(b, 262, 3, 1, 6); // YCbCr, as JFIF streams hold
        entry(b, 277, 3, 1, 3);
        entry(b, 322, 4, 1, TILE);
        entry(b, 323, 4, 1, TILE);
        entry(b, 324, 4, 2, arrays + 6);
        entry(b, 325, 4, 2, arrays + 14);
        if (interchangeFormat) {
            entry(b, 513, 4, 1, dataAt);
            entry(b, 514, 4, 1, jpegs[0].length);
        }
        b.putInt(0);
        b.putShort((short) 8).putShort((short) 8).putShort((short) 8);
        b.putInt(dataAt).putInt(dataAt + jpegs[0].length);
        b.putInt(jpegs[0].length).putInt(jpegs[1].length);
        b.put(jpegs[0]).put(jpegs[1]);
        return b.array();
    }

    private static void entry(ByteBuffer b, int tag, int type, int count, long value) {
        b.putShort((short) tag).putShort((short) type).putInt(count);
        if (type == 3 && count == 1) b.putShort((short) value).putShort((short) 0);
        else b.putInt((int) value);
    }
}
