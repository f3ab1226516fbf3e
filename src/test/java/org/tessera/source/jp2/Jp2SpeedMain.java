package org.tessera.source.jp2;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Random;
import org.tessera.codec.OpenJpeg;
import org.tessera.image.Level;
import org.tessera.image.Rect;

/**
 * Decode speed and memory of JPEG 2000 tiles, in process: {@code Jp2SpeedMain FILE [TILES]}.
 * Prints the cost of describing the file, of a random full-resolution tile, of every tile of the
 * smaller levels, of a 1000x1000 region with and without worker threads, and the growth of the
 * process's peak resident memory over the first tile decode.
 */
public final class Jp2SpeedMain {
    private Jp2SpeedMain() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int tiles = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        OpenJpeg openJpeg = OpenJpeg.load();
        try (CountingChannel ch = new CountingChannel(FileChannel.open(file, StandardOpenOption.READ))) {
            long hwm0 = hwmKb();
            long t0 = System.nanoTime();
            Jp2ImageSource.Description d = Jp2ImageSource.describe(ch, openJpeg, Instant.EPOCH);
            long describe = System.nanoTime() - t0;
            // through the format, as the server opens files: kept-open decoders for single-tile files
            Jp2ImageSource src = (Jp2ImageSource) new Jp2Format(openJpeg, 0, 4, "").open(ch, file, Instant.EPOCH);
            Level full = src.info().levels().get(0);
            System.out.printf("%s: %dx%d, %d levels served of %d resolutions, %d layers, codestream tiles %dx%d%s%n", file,
                    full.width(), full.height(), src.info().levelCount(), src.resolutions(), src.qualityLayers(),
                    d.header().tileWidth(), d.header().tileHeight(), src.highThroughput() ? ", HTJ2K" : "");
            System.out.printf("describe (header + boxes): %.2f ms%n", describe / 1e6);
            long read0 = ch.bytesRead.get();
            src.readTile(0, 0, full.tilesAcross() / 2, full.tilesDown() / 2);
            System.out.printf("peak RSS growth over the first full-resolution tile: %d KB; it read %d of %d bytes%n",
                    hwmKb() - hwm0, ch.bytesRead.get() - read0, ch.size());
            for (int i = 0; i < 20; i++) src.readTile(0, 0, i % full.tilesAcross(), i / full.tilesAcross()); // warm up
            Random random = new Random(1);
            long start = System.nanoTime();
            for (int i = 0; i < tiles; i++) src.readTile(0, 0, random.nextInt(full.tilesAcross()), random.nextInt(full.tilesDown()));
            System.out.printf("full-resolution tile: %.2f ms (%d random tiles)%n", (System.nanoTime() - start) / 1e6 / tiles, tiles);
            for (int level = 1; level < src.info().levelCount(); level++) {
                Level l = src.info().levels().get(level);
                int n = Math.min(l.tileCount(), tiles);
                start = System.nanoTime();
                for (int i = 0; i < n; i++) src.readTile(0, level, i % l.tilesAcross(), i / l.tilesAcross());
                System.out.printf("level %d (%dx%d) tile: %.2f ms (%d tiles)%n", level, l.width(), l.height(),
                        (System.nanoTime() - start) / 1e6 / n, n);
            }
            Rect region = new Rect(full.width() / 3, full.height() / 3, Math.min(1000, full.width() / 3), Math.min(1000, full.height() / 3));
            for (int workers : new int[] {1, 4}) {
                Jp2ImageSource s = new Jp2ImageSource(ch, openJpeg, d, 0, workers);
                s.decodeRegion(0, 0, region, 0);
                start = System.nanoTime();
                for (int i = 0; i < 5; i++) s.decodeRegion(0, 0, region, 0);
                System.out.printf("%dx%d region, %d thread(s): %.1f ms%n", region.width(), region.height(), workers,
                        (System.nanoTime() - start) / 1e6 / 5);
            }
        }
    }

    private static long hwmKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("\\D", ""));
        }
        return -1;
    }
}
