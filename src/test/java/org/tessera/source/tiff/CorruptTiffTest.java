package org.tessera.source.tiff;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.error.ImageException;
import org.tessera.image.PixelImage;
import org.tessera.testing.ImageIoJpegDecoder;
import org.tessera.testing.TestPattern;
import org.tessera.testing.TiffWriter;

/** Corrupt and hostile files must fail with a clean IOException (or ImageException), never OOM or a crash. */
class CorruptTiffTest {
    static final ImageIoJpegDecoder DECODER = new ImageIoJpegDecoder();

    @TempDir
    Path dir;

    @Test
    void tooShortAndWrongMagic() throws IOException {
        assertParseFails(new byte[] {'I', 'I', 42}, "too short");
        assertParseFails(new byte[] {'I', 'I', 41, 0, 8, 0, 0, 0}, "magic");
        assertParseFails(new byte[] {'X', 'Y', 42, 0, 8, 0, 0, 0}, "byte order");
    }

    @Test
    void directoryLoopIsDetected() throws IOException {
        byte[] tiff = new TinyTiff().add(256, 3, 16).add(257, 3, 16).next(8).build();
        assertParseFails(tiff, "loops");
    }

    @Test
    void firstDirectoryOutsideTheFile() throws IOException {
        byte[] tiff = new TinyTiff().add(256, 3, 16).add(257, 3, 16).build();
        tiff[4] = (byte) 0xF0;
        tiff[5] = (byte) 0xFF;
        assertParseFails(tiff, "outside the file");
    }

    @Test
    void absurdTileCountIsRefused() throws IOException {
        byte[] tiff = new TinyTiff().add(256, 4, 0x7FFFFFFFL).add(257, 4, 0x7FFFFFFFL)
                .add(322, 3, 16).add(323, 3, 16).add(324, 4, 0).add(325, 4, 0).build();
        assertParseFails(tiff, "tiles in one level");
    }

    @Test
    void tileTableShorterThanTheGridIsRefused() throws IOException {
        byte[] tiff = new TinyTiff().add(256, 3, 1024).add(257, 3, 1024)
                .add(322, 3, 256).add(323, 3, 256).add(324, 4, 0).add(325, 4, 0).build();
        assertParseFails(tiff, "16 expected");
    }

    @Test
    void hugeCountsPointingBeyondTheFileAreRefused() throws IOException {
        byte[] tiff = new TinyTiff().add(256, 3, 16).add(257, 3, 16).add(270, 2, 0x7FFFFFFFL, 8).build();
        assertParseFails(tiff, "beyond the end of the file");
        byte[] tiles = new TinyTiff().add(256, 3, 1024).add(257, 3, 1024)
                .add(322, 3, 256).add(323, 3, 256).add(324, 4, 16, 8).add(325, 4, 0x40000000L, 8).build();
        assertParseFails(tiles, "beyond the end of the file");
    }

    @Test
    void overlongStringsAreRefused() throws IOException {
        byte[] tiff = new TinyTiff().add(256, 3, 16).add(257, 3, 16).add(270, 2, (1 << 20) + 10, 100).padding(2 << 20).build();
        assertParseFails(tiff, "limit");
    }

    @Test
    void tooManyEntriesAreRefused() throws IOException {
        byte[] tiff = new TinyTiff().add(256, 3, 16).build();
        tiff[8] = (byte) 0x60;
        tiff[9] = (byte) 0xEA;
        assertParseFails(tiff, "entries");
    }

    @Test
    void fileTruncatedBeforeOpeningFailsToParse() throws IOException {
        byte[] good = new TiffWriter().write(TestPattern.image(600, 400, 3));
        Path f = dir.resolve("cut.tif");
        Files.write(f, Arrays.copyOf(good, good.length / 2));
        assertThrows(TiffFormatException.class, () -> TiffImageSource.open(f, DECODER));
    }

    @Test
    void fileTruncatedAfterOpeningFailsOnTileRead() throws IOException {
        Path f = dir.resolve("shrinking.tif");
        new TiffWriter().compression(TiffWriter.Compression.DEFLATE).write(TestPattern.image(600, 400, 3), f);
        try (TiffImageSource src = TiffImageSource.open(f, DECODER)) {
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
                ch.truncate(100);
            }
            IOException e = assertThrows(IOException.class, () -> src.readTile(0, 0, 1, 1));
            assertTrue(e.getMessage().contains("beyond the end of the file"), e.getMessage());
        }
    }

    @Test
    void garbageTileDataGivesAnIOException() throws IOException {
        Path f = dir.resolve("garbage.tif");
        new TiffWriter().compression(TiffWriter.Compression.LZW).write(TestPattern.image(600, 400, 3), f);
        byte[] b = Files.readAllBytes(f);
        // Tile data starts right after the 8-byte header: overwrite the first tile with codes beyond the table.
        Arrays.fill(b, 8, 200, (byte) 0xFF);
        Files.write(f, b);
        try (TiffImageSource src = TiffImageSource.open(f, DECODER)) {
            assertThrows(TiffFormatException.class, () -> src.readTile(0, 0, 0, 0));
        }
    }

    @Test
    void jpegTileClaimingAHugeFrameIsRefusedBeforeDecoding() throws IOException {
        Path f = dir.resolve("bigframe.tif");
        new TiffWriter().compression(TiffWriter.Compression.JPEG).write(TestPattern.image(300, 200, 3), f);
        byte[] b = Files.readAllBytes(f);
        int patched = 0;
        for (int i = 0; i + 9 < b.length; i++) {
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == 0xC0 && b[i + 5] == 1 && b[i + 6] == 0 && b[i + 7] == 1 && b[i + 8] == 0) {
                b[i + 5] = b[i + 6] = b[i + 7] = b[i + 8] = (byte) 0xFF;
                patched++;
            }
        }
        assertTrue(patched > 0);
        Files.write(f, b);
        try (TiffImageSource src = TiffImageSource.open(f, (bytes, off, len) -> fail("decoder must not be called"))) {
            TiffFormatException e = assertThrows(TiffFormatException.class, () -> src.readTile(0, 0, 0, 0));
            assertTrue(e.getMessage().contains("65535x65535"), e.getMessage());
        }
    }

    /**
     * A 1 MB file: one string of almost 1 MB, then hundreds of directories whose descriptive tags and
     * JPEGTables all point at it. Read naively that is gigabytes; the per-file budget refuses it
     * after a few megabytes.
     */
    @Test
    void directoriesSharingOneHugeStringExhaustTheMetadataBudget() throws IOException {
        int stringLength = (1 << 20) - 64 * 1024;
        int[] stringTags = {270, 315, 33432, 306, 269, 285, 305, 271, 272};
        int directories = 300;
        int entries = 2 + stringTags.length + 1;
        int ifdSize = 2 + entries * 12 + 4;
        int firstIfd = 8 + stringLength;
        ByteBuffer b = ByteBuffer.allocate(firstIfd + directories * ifdSize).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(firstIfd);
        for (int i = 0; i < stringLength - 1; i++) b.put((byte) 'A');
        b.put((byte) 0);
        for (int d = 0; d < directories; d++) {
            int at = firstIfd + d * ifdSize;
            b.position(at);
            b.putShort((short) entries);
            b.putShort((short) 256).putShort((short) 3).putInt(1).putInt(16);
            b.putShort((short) 257).putShort((short) 3).putInt(1).putInt(16);
            for (int tag : stringTags) b.putShort((short) tag).putShort((short) 2).putInt(stringLength).putInt(8);
            b.putShort((short) 347).putShort((short) 7).putInt(stringLength).putInt(8);
            b.putInt(d + 1 < directories ? at + ifdSize : 0);
        }
        assertTrue(b.capacity() < (1 << 20) + 64 * 1024, "about 1 MB on disk");
        assertParseFails(b.array(), "exceed " + TiffParser.MAX_METADATA_BYTES + " bytes in total");
    }

    @Test
    void aRealisticMetadataLoadFitsTheBudget() throws IOException {
        // one directory with a 1 MB XMP packet (the largest string accepted) parses
        byte[] tiff = new TinyTiff().add(256, 3, 16).add(257, 3, 16).add(700, 1, 1 << 20, 100).padding((1 << 20) + 100).build();
        Path f = dir.resolve("xmp.tif");
        Files.write(f, tiff);
        try (FileChannel ch = FileChannel.open(f)) {
            TiffStructure parsed = TiffParser.parse(ch);
            assertEquals(1, parsed.directories().size());
        }
    }

    @Test
    void aJpegTileThatWouldDecodeBeyondTheCapIsRefusedFromItsHeader() throws IOException {
        // SOI, then a baseline frame header: 16384 x 16384, 3 components
        byte[] frame = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xC0, 0, 17, 8, 0x40, 0, 0x40, 0, 3,
                1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1};
        TiffFormatException e = assertThrows(TiffFormatException.class,
                () -> JpegTileAssembler.checkFrameSize(frame, 16384, 16384, TiffImageSource.MAX_TILE_BYTES));
        assertTrue(e.getMessage().contains("16384x16384x3 would decode to 805306368 bytes"), e.getMessage());
        // the same header at 4096 x 4096 (48 MB decoded) is within the cap
        frame[7] = frame[9] = 0x10;
        JpegTileAssembler.checkFrameSize(frame, 16384, 16384, TiffImageSource.MAX_TILE_BYTES);
    }

    @Test
    void randomBytesAfterAHeaderNeverCrash() throws IOException {
        Random rnd = new Random(42);
        for (int i = 0; i < 300; i++) {
            byte[] b = new byte[64 + rnd.nextInt(4000)];
            rnd.nextBytes(b);
            boolean little = rnd.nextBoolean();
            b[0] = b[1] = (byte) (little ? 'I' : 'M');
            b[little ? 2 : 3] = (byte) (rnd.nextBoolean() ? 42 : 43);
            b[little ? 3 : 2] = 0;
            if (rnd.nextBoolean()) {
                // Point the first IFD inside the file so the entry parser gets exercised.
                b[4] = b[5] = b[6] = b[7] = 0;
                b[little ? 4 : 7] = 16;
                if (b[2] == 43 || b[3] == 43) {
                    b[4] = b[6] = 0;
                    b[little ? 4 : 5] = 8;
                    Arrays.fill(b, 8, 16, (byte) 0);
                    b[little ? 8 : 15] = 16;
                }
            }
            openAndReadEverything(b);
        }
    }

    @Test
    void flippedBytesInAValidFileNeverCrash() throws IOException {
        PixelImage img = TestPattern.image(300, 200, 3);
        byte[][] goods = {
                new TiffWriter().tile(64, 64).compression(TiffWriter.Compression.DEFLATE).predictor(true).write(img),
                new TiffWriter().tile(64, 64).bigTiff(true).subIfds(true).compression(TiffWriter.Compression.LZW).write(img),
                new TiffWriter().tile(64, 64).compression(TiffWriter.Compression.JPEG).write(img),
                new TiffWriter().tile(64, 64).compression(TiffWriter.Compression.PACKBITS).write(img)};
        Random rnd = new Random(7);
        for (int i = 0; i < 400; i++) {
            byte[] b = goods[i % goods.length].clone();
            int flips = 1 + rnd.nextInt(8);
            // Directories are written last: aim most flips at them.
            for (int k = 0; k < flips; k++) {
                int at = rnd.nextBoolean() ? b.length - 1 - rnd.nextInt(Math.min(b.length, 600)) : rnd.nextInt(b.length);
                b[at] = (byte) rnd.nextInt(256);
            }
            openAndReadEverything(b);
        }
    }

    private void openAndReadEverything(byte[] b) throws IOException {
        Path f = dir.resolve("fuzz.tif");
        Files.write(f, b);
        TiffImageSource src;
        try {
            src = TiffImageSource.open(f, DECODER);
        } catch (IOException | ImageException expected) {
            return;
        }
        try (src) {
            var levels = src.info().levels();
            for (int l = 0; l < levels.size(); l++) {
                var level = levels.get(l);
                for (int t = 0; t < Math.min(level.tileCount(), 6); t++) {
                    int col = t % level.tilesAcross(), row = t / level.tilesAcross();
                    try {
                        src.readTile(0, l, col, row);
                        src.storedTile(0, l, col, row).filter(st -> !st.needsCrop()).map(org.tessera.source.StoredTile::data);
                    } catch (IOException | ImageException expected) {
                        // a clean, reportable failure
                    }
                }
            }
        }
    }

    private void assertParseFails(byte[] tiff, String messagePart) throws IOException {
        Path f = dir.resolve("bad.tif");
        Files.write(f, tiff);
        try (FileChannel ch = FileChannel.open(f)) {
            TiffFormatException e = assertThrows(TiffFormatException.class, () -> TiffParser.parse(ch));
            assertTrue(e.getMessage().contains(messagePart), "message '" + e.getMessage() + "' lacks '" + messagePart + "'");
        }
    }
}
