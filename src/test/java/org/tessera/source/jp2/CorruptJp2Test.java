package org.tessera.source.jp2;

import static org.junit.jupiter.api.Assertions.*;
import static org.tessera.source.jp2.Jp2Fixtures.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tessera.error.CorruptImageException;
import org.tessera.error.ImageException;
import org.tessera.image.Level;
import org.tessera.image.PixelImage;

/**
 * Damaged JPEG 2000 files, truncated and bit-flipped: opening or decoding fails with a domain
 * exception (a corrupt image, never a crash of the JVM that runs this test), or yields a picture
 * of the right size; the decoder keeps working for good files afterwards.
 */
class CorruptJp2Test {
    @TempDir
    static Path dir;
    static byte[] tiled;
    static byte[] single;
    static byte[] raw;
    static PixelImage rgb;

    @BeforeAll
    static void setUp() throws IOException {
        rgb = picture(300, 200, 3);
        Path ppm = writePnm(rgb, dir.resolve("c.ppm"));
        tiled = Files.readAllBytes(opjCompress(ppm, dir.resolve("c-tiled.jp2"), "-t", "128,128", "-n", "3", "-r", "10,1"));
        single = Files.readAllBytes(opjCompress(ppm, dir.resolve("c-single.jp2"), "-n", "4", "-c", "[64,64]"));
        raw = Files.readAllBytes(opjCompress(ppm, dir.resolve("c-raw.j2k"), "-n", "3", "-I", "-r", "15"));
    }

    /** Opens and decodes every tile of every level; returns how far it got. */
    static String exercise(byte[] data, String name) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, data);
        try (Jp2ImageSource src = open(file, -1)) {
            int tiles = 0;
            for (int level = 0; level < src.info().levelCount(); level++) {
                Level l = src.info().levels().get(level);
                for (int row = 0; row < l.tilesDown(); row++) {
                    for (int col = 0; col < l.tilesAcross(); col++) {
                        try {
                            PixelImage tile = src.readTile(0, level, col, row);
                            assertEquals(l.tileRect(col, row).width(), tile.width());
                            assertEquals(l.tileRect(col, row).height(), tile.height());
                            tiles++;
                        } catch (ImageException e) {
                            assertFalse(e.getMessage().isBlank());
                        }
                    }
                }
            }
            return "opened, " + tiles + " tiles decoded";
        } catch (ImageException e) {
            assertNotNull(e.getMessage());
            return "refused: " + e.getMessage();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 12, 40, 80, 120, 200, 400, 1000, 3000, -500, -100, -2})
    void truncatedFilesFailCleanly(int cut) throws IOException {
        for (byte[] original : new byte[][] {tiled, single, raw}) {
            int length = cut >= 0 ? Math.min(cut, original.length) : original.length + cut;
            byte[] data = java.util.Arrays.copyOf(original, length);
            exercise(data, "truncated.jp2");
        }
        assertGoodFilesStillDecode();
    }

    @Test
    void truncatedCodestreamIsReportedAsCorrupt() throws IOException {
        byte[] data = java.util.Arrays.copyOf(single, single.length * 2 / 3);
        Path file = dir.resolve("two-thirds.jp2");
        Files.write(file, data);
        try (Jp2ImageSource src = open(file, -1)) {
            CorruptImageException e = assertThrows(CorruptImageException.class, () -> src.readTile(0, 0, 1, 0));
            assertFalse(e.getMessage().isBlank());
        }
    }

    @Test
    void bitFlippedFilesNeverCrash() throws IOException {
        Random random = new Random(20261201);
        for (int round = 0; round < 150; round++) {
            byte[] original = switch (round % 3) {
                case 0 -> tiled;
                case 1 -> single;
                default -> raw;
            };
            byte[] data = original.clone();
            int flips = 1 + random.nextInt(8);
            for (int f = 0; f < flips; f++) {
                // half of the flips land in the first 300 bytes, where the headers are
                int at = random.nextBoolean() ? random.nextInt(Math.min(300, data.length)) : random.nextInt(data.length);
                data[at] ^= (byte) (1 << random.nextInt(8));
            }
            exercise(data, "flipped.jp2");
        }
        assertGoodFilesStillDecode();
    }

    @Test
    void randomBytesAfterAValidSignature() throws IOException {
        Random random = new Random(7);
        for (int round = 0; round < 40; round++) {
            byte[] data = new byte[12 + random.nextInt(4000)];
            random.nextBytes(data);
            byte[] head = round % 2 == 0 ? tiled : raw;
            System.arraycopy(head, 0, data, 0, round % 2 == 0 ? 12 : 4);
            exercise(data, "noise.jp2");
        }
        assertGoodFilesStillDecode();
    }

    private static void assertGoodFilesStillDecode() throws IOException {
        assertEquals("opened, 3 tiles decoded", exercise(single, "good.jp2"));
        Path file = dir.resolve("good2.jp2");
        Files.write(file, tiled);
        try (Jp2ImageSource src = open(file, -1)) {
            assertEquals(0, maxDifference(rgb.crop(src.info().levels().get(0).tileRect(0, 0)), src.readTile(0, 0, 0, 0)));
        }
    }
}
