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
import java.util.ArrayList;
import java.util.List;
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

    /**
     * The other old-style layout: the tables in JPEGQTables / JPEGDCTables / JPEGACTables, each tile
     * holding only entropy-coded data. The parts are cut from JDK-written JPEGs (their 4:2:0
     * sampling declared in YCbCrSubsampling), whose JDK decode is the reference.
     */
    @org.junit.jupiter.api.Test
    void tilesWithTablesInTheDirectoryDecode() throws IOException {
        byte[][] jpegs = {jpeg(0), jpeg(TILE)};
        JpegParts[] parts = {JpegParts.of(jpegs[0]), JpegParts.of(jpegs[1])};
        assertArrayEquals(parts[0].tables(), parts[1].tables(), "the JDK writes the same tables for both tiles");
        Path tif = dir.resolve("ojpeg-tables.tif");
        Files.write(tif, tablesFile(parts));
        try (TiffImageSource src = TiffImageSource.open(tif, new ImageIoJpegDecoder())) {
            for (int col = 0; col < 2; col++) {
                PixelImage tile = src.readTile(0, 0, col, 0);
                BufferedImage ref = ImageIO.read(new ByteArrayInputStream(jpegs[col]));
                for (int y = 0; y < TILE; y += 3) {
                    for (int x = 0; x < TILE; x += 3) {
                        int rgb = ref.getRGB(x, y);
                        int[] want = {rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF};
                        for (int c = 0; c < 3; c++) {
                            assertTrue(Math.abs(want[c] - tile.sample(x, y, c)) <= 2,
                                    "tile " + col + " at " + x + "," + y + ": " + want[c] + " vs " + tile.sample(x, y, c));
                        }
                    }
                }
            }
        }
    }

    /** A baseline JPEG cut into its tables (Q 64 bytes each; DC and AC Huffman as counts + symbols) and its scan data. */
    record JpegParts(List<byte[]> q, List<byte[]> dc, List<byte[]> ac, byte[] scan) {
        byte[] tables() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (List<byte[]> l : List.of(q, dc, ac)) l.forEach(out::writeBytes);
            return out.toByteArray();
        }

        static JpegParts of(byte[] j) {
            List<byte[]> q = new ArrayList<>(), dc = new ArrayList<>(), ac = new ArrayList<>();
            int i = 2;
            while (true) {
                int marker = j[i + 1] & 0xFF, len = (j[i + 2] & 0xFF) << 8 | (j[i + 3] & 0xFF);
                int p = i + 4, end = i + 2 + len;
                if (marker == 0xDB) {
                    while (p < end) {
                        q.add(java.util.Arrays.copyOfRange(j, p + 1, p + 65));
                        p += 65;
                    }
                } else if (marker == 0xC4) {
                    while (p < end) {
                        int cls = (j[p] & 0xFF) >> 4, n = 0;
                        for (int k = 1; k <= 16; k++) n += j[p + k] & 0xFF;
                        (cls == 0 ? dc : ac).add(java.util.Arrays.copyOfRange(j, p + 1, p + 17 + n));
                        p += 17 + n;
                    }
                } else if (marker == 0xDA) {
                    return new JpegParts(q, dc, ac, java.util.Arrays.copyOfRange(j, end, j.length - 2));
                }
                i = end;
            }
        }
    }

    /** Y uses table 0, Cb and Cr table 1, as the JDK writer assigns them. */
    private static byte[] tablesFile(JpegParts[] parts) {
        JpegParts t = parts[0];
        byte[][] blocks = {t.q().get(0), t.q().get(1), t.dc().get(0), t.dc().get(1), t.ac().get(0), t.ac().get(1)};
        int entries = 16;
        int arrays = 8 + 2 + 12 * entries + 4;
        // after the IFD: BitsPerSample (6), tile offsets (8), tile counts (8), 3 table-offset arrays (12 each)
        int blocksAt = arrays + 6 + 8 + 8 + 36;
        int[] blockAt = new int[6];
        int at = blocksAt;
        for (int k = 0; k < 6; k++) {
            blockAt[k] = at;
            at += blocks[k].length;
        }
        int dataAt = at;
        ByteBuffer b = ByteBuffer.allocate(dataAt + parts[0].scan().length + parts[1].scan().length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8).putShort((short) entries);
        entry(b, 256, 4, 1, W);
        entry(b, 257, 4, 1, H);
        entry(b, 258, 3, 3, arrays);
        entry(b, 259, 3, 1, 6);
        entry(b, 262, 3, 1, 6);
        entry(b, 277, 3, 1, 3);
        entry(b, 284, 3, 1, 1);
        entry(b, 322, 4, 1, TILE);
        entry(b, 323, 4, 1, TILE);
        entry(b, 324, 4, 2, arrays + 6);
        entry(b, 325, 4, 2, arrays + 14);
        entry(b, 512, 3, 1, 1); // baseline
        entry(b, 519, 4, 3, arrays + 22);
        entry(b, 520, 4, 3, arrays + 34);
        entry(b, 521, 4, 3, arrays + 46);
        b.putShort((short) 530).putShort((short) 3).putInt(2).putShort((short) 2).putShort((short) 2);
        b.putInt(0);
        b.putShort((short) 8).putShort((short) 8).putShort((short) 8);
        b.putInt(dataAt).putInt(dataAt + parts[0].scan().length);
        b.putInt(parts[0].scan().length).putInt(parts[1].scan().length);
        b.putInt(blockAt[0]).putInt(blockAt[1]).putInt(blockAt[1]);
        b.putInt(blockAt[2]).putInt(blockAt[3]).putInt(blockAt[3]);
        b.putInt(blockAt[4]).putInt(blockAt[5]).putInt(blockAt[5]);
        for (byte[] block : blocks) b.put(block);
        b.put(parts[0].scan()).put(parts[1].scan());
        return b.array();
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
