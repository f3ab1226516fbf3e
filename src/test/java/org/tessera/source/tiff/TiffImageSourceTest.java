package org.tessera.source.tiff;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tessera.error.ImageException;
import org.tessera.protocol.Failures;
import org.tessera.image.ColourSpace;
import org.tessera.image.ImageInfo;
import org.tessera.image.Level;
import org.tessera.image.PixelImage;
import org.tessera.image.Rect;
import org.tessera.source.StoredTile;
import org.tessera.testing.ImageIoJpegDecoder;
import org.tessera.testing.TestPattern;
import org.tessera.testing.TiffWriter;
import org.tessera.testing.TiffWriter.Compression;

class TiffImageSourceTest {
    static final int W = 1000, H = 600;
    static final ImageIoJpegDecoder DECODER = new ImageIoJpegDecoder();

    @TempDir
    Path dir;

    static Stream<Arguments> losslessVariants() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (boolean big : new boolean[] {false, true}) {
            for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
                for (boolean sub : new boolean[] {false, true}) {
                    for (Compression c : new Compression[] {Compression.NONE, Compression.DEFLATE, Compression.LZW, Compression.PACKBITS}) {
                        b.add(Arguments.of(big, order, sub, c, c == Compression.DEFLATE || c == Compression.LZW));
                    }
                }
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "bigTiff={0} {1} subIfds={2} {3} predictor={4}")
    @MethodSource("losslessVariants")
    void losslessVariantsDecodeExactly(boolean big, ByteOrder order, boolean sub, Compression c, boolean predictor) throws IOException {
        PixelImage full = TestPattern.image(W, H, 3);
        TiffWriter w = new TiffWriter().bigTiff(big).order(order).subIfds(sub).compression(c).predictor(predictor).tile(256, 128);
        Path f = write(w, full);
        try (TiffImageSource src = TiffImageSource.open(f, DECODER)) {
            ImageInfo info = src.info();
            assertEquals(List.of(new Level(1000, 600, 256, 128), new Level(500, 300, 256, 128), new Level(250, 150, 256, 128), new Level(125, 75, 256, 128)), info.levels());
            assertEquals(3, info.channels());
            assertEquals(ColourSpace.SRGB, info.colourSpace());
            assertAllTilesEqual(src, TiffWriter.pyramid(full, 256, 128, 99));
        }
    }

    @Test
    void noisyTilesFillTheLzwTableAndStillRoundTrip() throws IOException {
        // Noise defeats compression: LZW tables fill up and restart with CLEAR codes, PackBits emits literal runs.
        byte[] p = new byte[700 * 500 * 3];
        new java.util.Random(99).nextBytes(p);
        for (int i = 0; i < p.length / 2; i += 7) p[i] = 0; // some repetition too
        PixelImage noise = new PixelImage(700, 500, 3, p);
        for (Compression c : new Compression[] {Compression.LZW, Compression.PACKBITS, Compression.DEFLATE}) {
            for (boolean predictor : new boolean[] {false, true}) {
                if (c == Compression.PACKBITS && predictor) continue;
                Path f = write(new TiffWriter().compression(c).predictor(predictor), noise);
                try (TiffImageSource src = TiffImageSource.open(f, DECODER)) {
                    assertAllTilesEqual(src, TiffWriter.pyramid(noise, 256, 256, 99));
                }
            }
        }
    }

    @Test
    void sixteenBitBigEndianWithPredictorKeepsHighByte() throws IOException {
        PixelImage full = TestPattern.image(W, H, 3);
        Path f = write(new TiffWriter().order(ByteOrder.BIG_ENDIAN).bitsPerSample(16).compression(Compression.DEFLATE).predictor(true), full);
        try (TiffImageSource src = TiffImageSource.open(f, DECODER)) {
            assertEquals(16, src.info().bitsPerSample());
            assertEquals(65535, src.info().maxValues()[0]);
            assertAllTilesEqual(src, TiffWriter.pyramid(full, 256, 256, 99));
        }
    }

    @Test
    void sixteenBitLittleEndianLzwPredictor() throws IOException {
        PixelImage full = TestPattern.image(W, H, 1);
        Path f = write(new TiffWriter().bitsPerSample(16).compression(Compression.LZW).predictor(true), full);
        try (TiffImageSource src = TiffImageSource.open(f, DECODER)) {
            assertEquals(ColourSpace.GREY, src.info().colourSpace());
            assertAllTilesEqual(src, TiffWriter.pyramid(full, 256, 256, 99));
        }
    }

    @Test
    void separatePlanesAreWovenTogether() throws IOException {
        PixelImage full = TestPattern.image(W, H, 3);
        for (int bits : new int[] {8, 16}) {
            Path f = write(new TiffWriter().planar(true).bitsPerSample(bits).compression(Compression.DEFLATE).predictor(true)
                    .order(bits == 16 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN), full);
            assertEquals(2, parse(f).directories().get(0).planarConfig());
            try (TiffImageSource src = TiffImageSource.open(f, DECODER)) {
                assertEquals(3, src.info().channels());
                assertAllTilesEqual(src, TiffWriter.pyramid(full, 256, 256, 99));
            }
        }
    }

    @Test
    void greyAndMinIsWhiteAreServedAsGrey() throws IOException {
        PixelImage full = TestPattern.image(W, H, 1);
        for (boolean white : new boolean[] {false, true}) {
            Path f = write(new TiffWriter().minIsWhite(white).compression(Compression.DEFLATE), full);
            try (TiffImageSource src = TiffImageSource.open(f, DECODER)) {
                assertEquals(1, src.info().channels());
                assertAllTilesEqual(src, TiffWriter.pyramid(full, 256, 256, 99));
            }
        }
    }

    @Test
    void oneBitIsUnpackedTo0And255AndMinIsWhiteInverted() throws IOException {
        PixelImage grey = TestPattern.image(W, H, 1);
        byte[] bw = grey.pixels().clone();
        for (int i = 0; i < bw.length; i++) bw[i] = (byte) ((bw[i] & 0xFF) >= 128 ? 255 : 0);
        PixelImage full = new PixelImage(W, H, 1, bw);
        for (boolean white : new boolean[] {false, true}) {
            // One level only: halving a bilevel image would make greys the 1-bit writer cannot store.
            Path f = write(new TiffWriter().bitsPerSample(1).minIsWhite(white).compression(Compression.PACKBITS).maxLevels(1), full);
            try (TiffImageSource src = TiffImageSource.open(f, DECODER)) {
                assertEquals(ColourSpace.BINARY, src.info().colourSpace());
                assertAllTilesEqual(src, List.of(full));
            }
        }
    }

    @Test
    void alphaSamplesAreKept() throws IOException {
        for (int channels : new int[] {2, 4}) {
            PixelImage rgb = TestPattern.image(W, H, 3);
            byte[] p = new byte[W * H * channels];
            for (int i = 0; i < W * H; i++) {
                if (channels == 2) {
                    p[2 * i] = rgb.pixels()[3 * i];
                } else {
                    System.arraycopy(rgb.pixels(), 3 * i, p, 4 * i, 3);
                }
                p[i * channels + channels - 1] = (byte) (i % 251);
            }
            PixelImage full = new PixelImage(W, H, channels, p);
            Path f = write(new TiffWriter().compression(Compression.DEFLATE).predictor(true), full);
            try (TiffImageSource src = TiffImageSource.open(f, DECODER)) {
                assertEquals(channels, src.info().channels());
                assertAllTilesEqual(src, TiffWriter.pyramid(full, 256, 256, 99));
            }
        }
    }

    static Stream<Arguments> jpegVariants() {
        return Stream.of(
                Arguments.of(false, false, TiffWriter.JpegMode.SHARED_TABLES, false, 3),
                Arguments.of(true, true, TiffWriter.JpegMode.SHARED_TABLES, false, 3),
                Arguments.of(false, true, TiffWriter.JpegMode.FULL_PER_TILE, false, 3),
                Arguments.of(true, false, TiffWriter.JpegMode.SHARED_TABLES, true, 3),
                Arguments.of(false, false, TiffWriter.JpegMode.SHARED_TABLES, false, 1),
                Arguments.of(true, false, TiffWriter.JpegMode.FULL_PER_TILE, false, 1));
    }

    @ParameterizedTest(name = "bigTiff={0} subIfds={1} {2} rgb={3} channels={4}")
    @MethodSource("jpegVariants")
    void jpegTilesDecodeToThePattern(boolean big, boolean sub, TiffWriter.JpegMode mode, boolean rgb, int channels) throws IOException {
        PixelImage full = TestPattern.image(W, H, channels);
        Path f = write(new TiffWriter().bigTiff(big).subIfds(sub).compression(Compression.JPEG).jpegMode(mode).rgbJpeg(rgb)
                .order(big ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN), full);
        try (TiffImageSource src = TiffImageSource.open(f, DECODER)) {
            assertEquals(3, src.info().levelCount());
            assertCentresMatchPattern(src, channels, 2);

            // Interior tile: passed through, decodes to the very pixels readTile gives.
            Optional<byte[]> stored = src.storedTile(0, 0, 1, 1).filter(t -> !t.needsCrop()).map(org.tessera.source.StoredTile::data);
            assertTrue(stored.isPresent());
            byte[] jpeg = stored.get();
            assertEquals(0xFF, jpeg[0] & 0xFF);
            assertEquals(0xD8, jpeg[1] & 0xFF);
            boolean app14 = (jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == 0xEE;
            assertEquals(rgb, app14, "Adobe marker only for RGB-photometric tiles");
            PixelImage decoded = DECODER.decode(jpeg);
            assertEquals(256, decoded.width());
            assertArrayEquals(src.readTile(0, 0, 1, 1).pixels(), decoded.pixels());
            int[] expected = channels == 1 ? new int[] {TestPattern.grey(256 + 32, 256 + 32)} : TestPattern.rgb(256 + 32, 256 + 32);
            assertTrue(TestPattern.close(expected, pixel(decoded, 32, 32), 12));
            if (rgb) {
                // The fixture really needs the marker: without it the RGB samples are read as YCbCr.
                byte[] bare = new byte[jpeg.length - 16];
                bare[0] = (byte) 0xFF;
                bare[1] = (byte) 0xD8;
                System.arraycopy(jpeg, 18, bare, 2, bare.length - 2);
                assertFalse(TestPattern.close(expected, pixel(DECODER.decode(bare), 32, 32), 12));
            }

            // Edge tiles are padded in the file: not passed through as is, but offered with their real size.
            assertTrue(src.storedTile(0, 0, 3, 0).filter(t -> !t.needsCrop()).map(org.tessera.source.StoredTile::data).isEmpty());
            assertTrue(src.storedTile(0, 0, 0, 2).filter(t -> !t.needsCrop()).map(org.tessera.source.StoredTile::data).isEmpty());
            StoredTile edge = src.storedTile(0, 0, 3, 2).orElseThrow();
            assertTrue(edge.needsCrop());
            assertEquals(232, edge.validWidth());
            assertEquals(88, edge.validHeight());
            PixelImage edgeDecoded = DECODER.decode(edge.data());
            assertEquals(256, edgeDecoded.width());
            assertArrayEquals(src.readTile(0, 0, 3, 2).pixels(), edgeDecoded.crop(new Rect(0, 0, 232, 88)).pixels());
        }
    }

    @Test
    void jpegTilesDecodeReducedWithLibjpegTurbo() throws IOException {
        org.tessera.codec.TurboJpeg turbo = org.tessera.codec.TurboJpeg.load();
        try {
            for (int channels : new int[] {3, 1}) {
                PixelImage full = TestPattern.image(W, H, channels);
                Path f = write(new TiffWriter().compression(Compression.JPEG).edgePadding(0), full);
                try (TiffImageSource jdk = TiffImageSource.open(f, DECODER);
                     TiffImageSource src = TiffImageSource.open(f, new org.tessera.codec.TurboJpegDecoder(turbo))) {
                    assertFalse(jdk.decodesReduced(0, 0, 4), "the JDK decoder cannot scale");
                    for (int n = 1; n <= 8; n++) {
                        assertEquals(n == 1 || n == 2 || n == 4, src.decodesReduced(0, 1, n), n + "/8");
                    }
                    PixelImage half = src.readTileReduced(0, 0, 1, 1, 4);
                    assertEquals(128, half.width());
                    assertEquals(channels, half.channels());
                    // the stored tile decoded at 4/8 by hand: the very same pixels
                    byte[] jpeg = src.storedTile(0, 0, 1, 1).orElseThrow().data();
                    assertArrayEquals(turbo.decompressEighths(jpeg, 0, jpeg.length, 4).pixels(), half.pixels());
                    int[] expected = channels == 1 ? new int[] {TestPattern.grey(256 + 32, 256 + 32)} : TestPattern.rgb(256 + 32, 256 + 32);
                    assertTrue(TestPattern.close(expected, pixel(half, 16, 16), 12));
                    // an edge tile (232x88 of the level) comes back padded, at least its cell's size
                    PixelImage edge = src.readTileReduced(0, 0, 3, 2, 2);
                    assertTrue(edge.width() >= 58 && edge.height() >= 22, edge.width() + "x" + edge.height());
                    int[] corner = channels == 1 ? new int[] {TestPattern.grey(768 + 8, 512 + 8)} : TestPattern.rgb(768 + 8, 512 + 8);
                    assertTrue(TestPattern.close(corner, pixel(edge, 2, 2), 16));
                }
            }
            Path lzw = write(new TiffWriter().compression(Compression.LZW), TestPattern.image(300, 200, 3));
            try (TiffImageSource src = TiffImageSource.open(lzw, new org.tessera.codec.TurboJpegDecoder(turbo))) {
                assertFalse(src.decodesReduced(0, 0, 4));
                assertThrows(UnsupportedOperationException.class, () -> src.readTileReduced(0, 0, 0, 0, 4));
            }
        } finally {
            turbo.close();
        }
    }

    @Test
    void oneSourceServesConcurrentReaders() throws Exception {
        for (Compression c : new Compression[] {Compression.DEFLATE, Compression.JPEG}) {
            Path f = write(new TiffWriter().compression(c).tile(128, 128), TestPattern.image(W, H, 3));
            try (TiffImageSource src = TiffImageSource.open(f, DECODER)) {
                Level l0 = src.info().fullLevel();
                int n = l0.tileCount();
                byte[][] serial = new byte[n][];
                for (int t = 0; t < n; t++) serial[t] = src.readTile(0, 0, t % l0.tilesAcross(), t / l0.tilesAcross()).pixels();
                var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
                try {
                    List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
                    for (int thread = 0; thread < 8; thread++) {
                        int seed = thread;
                        results.add(pool.submit(() -> {
                            java.util.Random rnd = new java.util.Random(seed);
                            int mismatches = 0;
                            for (int k = 0; k < 150; k++) {
                                int t = rnd.nextInt(n);
                                byte[] got = src.readTile(0, 0, t % l0.tilesAcross(), t / l0.tilesAcross()).pixels();
                                if (!java.util.Arrays.equals(serial[t], got)) mismatches++;
                            }
                            return mismatches;
                        }));
                    }
                    for (var r : results) assertEquals(0, r.get());
                } finally {
                    pool.shutdownNow();
                }
            }
        }
    }

    @Test
    void losslessTilesAreNeverPassedThrough() throws IOException {
        Path f = write(new TiffWriter().compression(Compression.DEFLATE), TestPattern.image(W, H, 3));
        try (TiffImageSource src = TiffImageSource.open(f, DECODER)) {
            assertTrue(src.storedTile(0, 0, 0, 0).filter(t -> !t.needsCrop()).map(org.tessera.source.StoredTile::data).isEmpty());
            assertTrue(src.storedTile(0, 0, 0, 0).isEmpty());
        }
    }

    @Test
    void untiledLabelDirectoriesAreSkipped() throws IOException {
        PixelImage full = TestPattern.image(W, H, 3);
        Path f = write(new TiffWriter().label(true).compression(Compression.DEFLATE), full);
        try (TiffImageSource src = TiffImageSource.open(f, DECODER)) {
            assertEquals(3, src.info().levelCount());
            assertAllTilesEqual(src, TiffWriter.pyramid(full, 256, 256, 99));
        }
        TiffStructure s = parse(f);
        assertEquals(4, s.directories().size());
        assertFalse(s.directories().get(1).tiled());
    }

    @Test
    void subIfdStructureIsReadFromIfd0() throws IOException {
        for (boolean big : new boolean[] {false, true}) {
            Path f = write(new TiffWriter().subIfds(true).bigTiff(big).label(true), TestPattern.image(W, H, 3));
            TiffStructure s = parse(f);
            assertEquals(big, s.bigTiff());
            assertEquals(2, s.directories().size(), "IFD0 and the label");
            assertEquals(2, s.directories().get(0).subIfds().size());
            assertTrue(s.directories().get(0).subIfds().stream().allMatch(TiffDirectory::reducedResolution));
        }
    }

    @Test
    void metadataAndResolutionAreRead() throws IOException {
        Path f = write(new TiffWriter().resolution(100, 3)
                .string(315, "Ann Artist").string(33432, "CC-BY").string(306, "2024:01:02 03:04:05")
                .string(270, "A test").string(269, "Doc title").string(285, "Page 1").string(305, "vips")
                .string(271, "Maker").string(272, "Model X"), TestPattern.image(300, 200, 3));
        try (TiffImageSource src = TiffImageSource.open(f, DECODER)) {
            ImageInfo i = src.info();
            assertEquals(Map.of("creator", "Ann Artist", "rights", "CC-BY", "date", "2024:01:02 03:04:05",
                    "description", "A test", "title", "Doc title", "pagename", "Page 1", "software", "vips",
                    "make", "Maker", "model", "Model X"), i.metadata());
            assertEquals(254.0, i.dpiX(), 1e-9);
            assertEquals(254.0, i.dpiY(), 1e-9);
            assertEquals(Files.getLastModifiedTime(f).toInstant(), i.lastModified());
            assertEquals(1, i.pages());
        }
    }

    @Test
    void unsupportedSampleFormatsGiveClearErrorsOnRead() throws IOException {
        Path f = write(new TiffWriter().shortTag(339, 3, 3, 3).shortTag(258, 24, 24, 24), TestPattern.image(300, 200, 3));
        try (TiffImageSource src = TiffImageSource.open(f, DECODER)) {
            ImageException e = assertThrows(ImageException.class, () -> src.readTile(0, 0, 0, 0));
            assertEquals(501, Failures.status(e));
            assertEquals("24-bit float TIFF not supported", e.getMessage());
        }
        Path pal = write(new TiffWriter().shortTag(262, 3), TestPattern.image(300, 200, 1));
        try (TiffImageSource src = TiffImageSource.open(pal, DECODER)) {
            ImageException e = assertThrows(ImageException.class, () -> src.readTile(0, 0, 0, 0));
            assertEquals(501, Failures.status(e));
            assertEquals("palette TIFF whose ColorMap has 0 entries, not 768", e.getMessage());
        }
    }

    @Test
    void tilesLevelsAndPagesOutsideTheImageAreNotFound() throws IOException {
        Path f = write(new TiffWriter(), TestPattern.image(W, H, 3));
        try (TiffImageSource src = TiffImageSource.open(f, DECODER)) {
            assertEquals(404, Failures.status(assertThrows(ImageException.class, () -> src.readTile(0, 0, 4, 0))));
            assertEquals(404, Failures.status(assertThrows(ImageException.class, () -> src.readTile(0, 3, 0, 0))));
            assertEquals(404, Failures.status(assertThrows(ImageException.class, () -> src.readTile(1, 0, 0, 0))));
            assertEquals(404, Failures.status(assertThrows(ImageException.class, () -> src.readTile(0, 0, -1, 0))));
        }
    }

    @Test
    void stripImageIsServedThroughVirtualTiles() throws IOException {
        // IFD0 without tile tags: a strip image (StripedTiffTest checks its pixels).
        byte[] tiff = new TinyTiff().add(256, 3, 8).add(257, 3, 8).add(273, 4, 8).add(279, 4, 64).build();
        Path f = dir.resolve("strip.tif");
        Files.write(f, tiff);
        try (TiffImageSource src = TiffImageSource.open(f, DECODER)) {
            assertEquals(List.of(new Level(8, 8, 256, 256)), src.info().levels());
            assertEquals(8, src.readTile(0, 0, 0, 0).width());
        }
    }

    // ---- helpers ----

    Path write(TiffWriter w, PixelImage img) throws IOException {
        Path f = Files.createTempFile(dir, "t", ".tif");
        w.write(img, f);
        return f;
    }

    static TiffStructure parse(Path f) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(f)) {
            return TiffParser.parse(ch);
        }
    }

    static void assertAllTilesEqual(TiffImageSource src, List<PixelImage> expected) throws IOException {
        assertEquals(expected.size(), src.info().levelCount());
        for (int l = 0; l < expected.size(); l++) {
            Level level = src.info().levels().get(l);
            assertEquals(expected.get(l).width(), level.width());
            assertEquals(expected.get(l).height(), level.height());
            for (int row = 0; row < level.tilesDown(); row++) {
                for (int col = 0; col < level.tilesAcross(); col++) {
                    PixelImage tile = src.readTile(0, l, col, row);
                    PixelImage want = expected.get(l).crop(level.tileRect(col, row));
                    assertEquals(want.width(), tile.width(), "width of tile " + col + "," + row + " level " + l);
                    assertEquals(want.height(), tile.height());
                    assertEquals(want.channels(), tile.channels());
                    assertArrayEquals(want.pixels(), tile.pixels(), "tile " + col + "," + row + " level " + l);
                }
            }
        }
    }

    /** Compares every square centre of levels 0..maxLevel with the pattern colour, JPEG tolerance. */
    static void assertCentresMatchPattern(TiffImageSource src, int channels, int maxLevel) throws IOException {
        Map<String, PixelImage> tiles = new HashMap<>();
        int checked = 0;
        for (int l = 0; l <= maxLevel; l++) {
            Level level = src.info().levels().get(l);
            for (int cy = TestPattern.SQUARE / 2; cy < H; cy += TestPattern.SQUARE) {
                for (int cx = TestPattern.SQUARE / 2; cx < W; cx += TestPattern.SQUARE) {
                    int x = cx >> l, y = cy >> l;
                    if (x >= level.width() || y >= level.height()) continue;
                    int col = x / level.tileWidth(), row = y / level.tileHeight();
                    int lf = l;
                    PixelImage tile = tiles.computeIfAbsent(l + "/" + col + "/" + row, k -> {
                        try {
                            return src.readTile(0, lf, col, row);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
                    assertEquals(level.tileRect(col, row).width(), tile.width());
                    int[] got = pixel(tile, x - col * level.tileWidth(), y - row * level.tileHeight());
                    int[] want = channels == 1 ? new int[] {TestPattern.grey(cx, cy)} : TestPattern.rgb(cx, cy);
                    assertTrue(TestPattern.close(want, got, 12),
                            "level " + l + " at " + cx + "," + cy + ": expected " + java.util.Arrays.toString(want) + " got " + java.util.Arrays.toString(got));
                    checked++;
                }
            }
        }
        assertTrue(checked > 100);
    }

    static int[] pixel(PixelImage img, int x, int y) {
        int[] p = new int[img.channels()];
        for (int c = 0; c < p.length; c++) p[c] = img.sample(x, y, c);
        return p;
    }
}
