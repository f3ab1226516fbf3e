package org.tessera.source.jp2;

import static org.junit.jupiter.api.Assertions.*;
import static org.tessera.source.jp2.Jp2Fixtures.*;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tessera.image.Level;
import org.tessera.image.PixelImage;

/**
 * Single-tile codestreams through {@link Jp2Format}: decoders stay open between requests and
 * serve areas of any level in any order, identical to opj_decompress's decode of each level.
 */
class Jp2ReaderReuseTest {
    @TempDir
    Path dir;

    @Test
    void keptOpenDecodersServeEveryTileOfEveryLevelInAnyOrder() throws IOException {
        PixelImage rgb = picture(900, 700, 3);
        Path file = opjCompress(writePnm(rgb, dir.resolve("r.ppm")), dir.resolve("single.jp2"), "-n", "5",
                "-c", "[128,128],[64,64]", "-r", "30,10,1");
        Jp2Format format = new Jp2Format(openJpeg(), -1, 2, "");
        List<PixelImage> references = new ArrayList<>();
        for (int level = 0; level < 3; level++) references.add(opjDecompress(file, dir, level, 0));
        PixelImage twoLayers = opjDecompress(file, dir, 1, 2);
        List<int[]> tiles = new ArrayList<>();
        try (var src = (Jp2ImageSource) format.open(FileChannel.open(file), file, Files.getLastModifiedTime(file).toInstant())) {
            assertEquals(3, src.info().levelCount());
            for (int level = 0; level < 3; level++) {
                Level l = src.info().levels().get(level);
                for (int row = 0; row < l.tilesDown(); row++) {
                    for (int col = 0; col < l.tilesAcross(); col++) tiles.add(new int[] {level, col, row});
                }
            }
            Collections.shuffle(tiles, new Random(5));
            for (int pass = 0; pass < 2; pass++) {
                for (int[] t : tiles) {
                    Level l = src.info().levels().get(t[0]);
                    PixelImage tile;
                    try {
                        tile = src.readTile(0, t[0], t[1], t[2]);
                    } catch (RuntimeException e) {
                        throw new AssertionError("level " + t[0] + " tile " + t[1] + "," + t[2] + " pass " + pass, e);
                    }
                    assertEquals(0, maxDifference(references.get(t[0]).crop(l.tileRect(t[1], t[2])), tile),
                            "level " + t[0] + " tile " + t[1] + "," + t[2] + " pass " + pass);
                }
                // another layer count is another decoder, the first one stays right
                Level l1 = src.info().levels().get(1);
                assertEquals(0, maxDifference(twoLayers.crop(l1.tileRect(1, 0)), src.readTile(0, 1, 1, 0, 2)));
            }
        }
        // SIGHUP empties the pool; decoding goes on with new decoders
        format.clear();
        // a new request (a new source on the same file) finds the decoders open
        try (var again = (Jp2ImageSource) format.open(FileChannel.open(file), file, Files.getLastModifiedTime(file).toInstant())) {
            assertEquals(0, maxDifference(references.get(0).crop(again.info().levels().get(0).tileRect(3, 2)), again.readTile(0, 0, 3, 2)));
        }
    }

    @Test
    void aDecoderThatFailsIsDroppedAndGoodFilesGoOn() throws IOException {
        PixelImage rgb = picture(600, 400, 3);
        Path good = opjCompress(writePnm(rgb, dir.resolve("g.ppm")), dir.resolve("good.jp2"), "-n", "3", "-c", "[64,64]");
        byte[] data = Files.readAllBytes(good);
        Path cut = dir.resolve("cut.jp2");
        Files.write(cut, java.util.Arrays.copyOf(data, data.length * 3 / 5));
        Jp2Format format = new Jp2Format(openJpeg(), -1, 2, "");
        try (var src = (Jp2ImageSource) format.open(FileChannel.open(cut), cut, Files.getLastModifiedTime(cut).toInstant())) {
            for (int i = 0; i < 3; i++) {
                assertThrows(org.tessera.error.CorruptImageException.class, () -> src.readTile(0, 0, 1, 1));
            }
        }
        try (var src = (Jp2ImageSource) format.open(FileChannel.open(good), good, Files.getLastModifiedTime(good).toInstant())) {
            assertEquals(0, maxDifference(rgb.crop(src.info().levels().get(0).tileRect(1, 1)), src.readTile(0, 0, 1, 1)));
        }
    }
}
