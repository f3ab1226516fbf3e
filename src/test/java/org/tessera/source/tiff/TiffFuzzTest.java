package org.tessera.source.tiff;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import org.tessera.codec.DefaultCodecs;
import org.tessera.codec.ImageIoJpegDecoder;
import org.tessera.codec.WebpDecoder;
import org.tessera.error.ImageException;
import org.tessera.http.HttpError;
import org.tessera.image.ImageInfo;
import org.tessera.image.Level;
import org.tessera.image.PixelImage;
import org.tessera.image.Rect;

/**
 * Coverage-guided fuzzing of the TIFF reader as a request meets it: parse the file, build the
 * pyramid, read the first and last tile of every level (decompressed, or as the stored JPEG).
 * A hostile file may only fail with IOException (TiffFormatException: 404/500 for the client) or a
 * client error; any other exception, an endless loop or an OutOfMemoryError is a finding.
 * Seeds: src/test/resources/org/tessera/source/tiff/TiffFuzzTestInputs (written by
 * {@code org.tessera.fuzz.FuzzSeeds}, and by vips for the layouts our writer does not make:
 * striped LZW and JPEG, tiled ZSTD, WebP pyramid, 1-bit CCITT G4, see docs/hardening.md).
 */
class TiffFuzzTest {
    private static final Path FILE = scratchFile();
    private static final ImageIoJpegDecoder JPEG = new ImageIoJpegDecoder();
    /** libwebp when this machine has it, so WebP tiles are decoded as the daemon decodes them. */
    private static final Optional<WebpDecoder> WEBP = DefaultCodecs.detect().webpDecoder();

    private static Path scratchFile() {
        try {
            Path shm = Path.of("/dev/shm");
            Path f = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempFile(shm, "tessera-fuzz", ".tif")
                    : Files.createTempFile("tessera-fuzz", ".tif");
            f.toFile().deleteOnExit();
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "25s")
    void anyFile(byte[] input) throws IOException {
        Files.write(FILE, input);
        try (FileChannel ch = FileChannel.open(FILE, StandardOpenOption.READ)) {
            TiffImage image = TiffPyramid.build(TiffParser.parse(ch), Instant.EPOCH);
            ImageInfo info = image.info();
            TiffImageSource source = new TiffImageSource(ch, image, JPEG, WEBP);
            for (int level = 0; level < Math.min(info.levelCount(), 6); level++) {
                Level l = info.levels().get(level);
                readTile(source, level, 0, 0, l);
                readTile(source, level, l.tilesAcross() - 1, l.tilesDown() - 1, l);
            }
        } catch (IOException e) {
            // corrupt or unsupported file: the client gets an error, the daemon lives on
        } catch (HttpError e) {
            assertTrue(e.status() >= 400 && e.status() != 500, "status " + e.status() + ": " + e.getMessage());
        } catch (ImageException e) {
            // not found, unsupported, corrupt: all client-safe answers
        }
    }

    private static void readTile(TiffImageSource source, int level, int col, int row, Level l) throws IOException {
        Rect cell = l.tileRect(col, row);
        try {
            source.storedTile(0, level, col, row);
        } catch (IOException e) {
            // unreadable stored tile; decoding it below fails the same way or differently, both fine
        }
        PixelImage tile = source.readTile(0, level, col, row);
        assertTrue(tile.width() == cell.width() && tile.height() == cell.height(),
                "tile " + tile.width() + "x" + tile.height() + " for cell " + cell);
    }
}
