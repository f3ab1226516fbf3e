package org.tessera.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import java.util.List;
import org.tessera.cache.DecodedTileCache;
import org.tessera.cache.RamResultCache;
import org.tessera.cache.TieredResultCache;
import org.tessera.config.Config;
import org.tessera.error.ImageException;
import org.tessera.error.OverloadedException;
import org.tessera.protocol.Failures;
import org.tessera.image.Rect;
import org.tessera.pipeline.Requests;
import org.tessera.request.ImageRequest;
import org.tessera.format.OutputFormat;
import org.tessera.request.Rotation;
import org.tessera.testing.ConfigEdits;
import org.tessera.testing.ImageIoTestCodecs;
import org.tessera.testing.MapResultCache;
import org.tessera.testing.PatternImageSource;

class DefaultImageServiceTest {
    private final PatternImageSource source = new PatternImageSource(2048, 1536, 256, 3);
    private final ImageIoTestCodecs codecs = new ImageIoTestCodecs();
    private final Config config = Config.defaults("/tmp/");

    private DefaultImageService service(Config c, long cacheBytes) {
        return DefaultImageService.inRam(c, codecs, cacheBytes);
    }

    private ImageRequest tile(int level, int col, int row, OutputFormat format, int quality) {
        return Requests.tile(source.info(), level, col, row, format, quality);
    }

    private byte[] storedJpeg(int level, int col, int row) throws Exception {
        // encoded at a quality the service never uses, so pass-through bytes are recognisable
        var cell = source.info().levels().get(level).tileRect(col, row);
        return ImageIoTestCodecs.write(source.levelImage(level).crop(cell), OutputFormat.JPEG, 33);
    }

    @Test
    void aSecondRequestForTheSameTileIsServedFromTheCache() {
        DefaultImageService s = service(config, 10_000_000);
        RenderedImage first = s.render(source, tile(1, 1, 1, OutputFormat.JPEG, -1));
        assertEquals(1, source.readTileCalls());
        assertEquals(1, codecs.encodes());
        assertFalse(first.passThrough());
        assertEquals(256, first.width());
        RenderedImage second = s.render(source, tile(1, 1, 1, OutputFormat.JPEG, -1));
        assertArrayEquals(first.data(), second.data());
        assertEquals(1, source.readTileCalls(), "no second read");
        assertEquals(1, codecs.encodes(), "no second encode");
        assertEquals(1, s.cacheStats().get(0).hits());
        assertEquals(1, s.renderStats().cached());
    }

    @Test
    void differentQualitiesAndFormatsAreDifferentEntries() {
        DefaultImageService s = service(config, 10_000_000);
        byte[] def = s.render(source, tile(1, 1, 1, OutputFormat.JPEG, -1)).data();
        byte[] q90 = s.render(source, tile(1, 1, 1, OutputFormat.JPEG, 90)).data();
        byte[] png = s.render(source, tile(1, 1, 1, OutputFormat.PNG, -1)).data();
        assertEquals(3, codecs.encodes());
        assertFalse(Arrays.equals(def, q90));
        assertEquals((byte) 0x89, png[0], "PNG signature");
        assertArrayEquals(q90, s.render(source, tile(1, 1, 1, OutputFormat.JPEG, 90)).data());
        assertArrayEquals(png, s.render(source, tile(1, 1, 1, OutputFormat.PNG, -1)).data());
        assertArrayEquals(def, s.render(source, tile(1, 1, 1, OutputFormat.JPEG, -1)).data());
        assertEquals(3, codecs.encodes());
    }

    @Test
    void theConfiguredDefaultQualityIsWhatTheEncoderGets() {
        byte[] viaDefault = service(ConfigEdits.with(config, "jpegQuality", 20), 0)
                .render(source, tile(1, 1, 1, OutputFormat.JPEG, -1)).data();
        byte[] explicit = service(config, 0).render(source, tile(1, 1, 1, OutputFormat.JPEG, 20)).data();
        byte[] standard = service(config, 0).render(source, tile(1, 1, 1, OutputFormat.JPEG, -1)).data();
        assertArrayEquals(explicit, viaDefault);
        assertFalse(Arrays.equals(standard, viaDefault));
    }

    @Test
    void aRewrittenFileMissesTheCache() {
        DefaultImageService s = service(config, 10_000_000);
        s.render(source, tile(2, 0, 0, OutputFormat.JPEG, -1));
        source.touch(Instant.parse("2026-06-01T12:00:00Z"));
        s.render(source, tile(2, 0, 0, OutputFormat.JPEG, -1));
        assertEquals(2, source.readTileCalls());
        assertEquals(2, codecs.encodes());
    }

    @Test
    void aCacheSmallerThanATileKeepsNothing() {
        DefaultImageService s = service(config, 1_000);
        s.render(source, tile(1, 1, 1, OutputFormat.JPEG, -1));
        s.render(source, tile(1, 1, 1, OutputFormat.JPEG, -1));
        assertEquals(2, source.readTileCalls());
        assertEquals(2, codecs.encodes());
    }

    @Test
    void cacheSizeZeroDisablesCaching() {
        DefaultImageService s = service(config, 0);
        s.render(source, tile(1, 1, 1, OutputFormat.JPEG, -1));
        s.render(source, tile(1, 1, 1, OutputFormat.JPEG, -1));
        assertEquals(2, source.readTileCalls());
    }

    @Test
    void theStoredJpegIsSentUntouchedAndCached() throws Exception {
        byte[] stored = storedJpeg(1, 2, 1);
        source.offerStoredJpeg(1, 2, 1, stored);
        DefaultImageService s = service(config, 10_000_000);
        RenderedImage r = s.render(source, tile(1, 2, 1, OutputFormat.JPEG, -1));
        assertTrue(r.passThrough());
        assertArrayEquals(stored, r.data());
        assertEquals(0, source.readTileCalls());
        assertEquals(0, codecs.encodes());
        RenderedImage again = s.render(source, tile(1, 2, 1, OutputFormat.JPEG, -1));
        assertArrayEquals(stored, again.data());
        assertTrue(again.passThrough());
        assertEquals(1, source.storedJpegCalls(), "second one came from the cache");
    }

    /**
     * With no cache to keep it, a passed-through tile is read into a lent array, sent from it and
     * given back: the next such tile lands in the same array. A cached tile owns its array.
     */
    @Test
    void aTileNoCacheKeepsIsSentFromALentArrayTheNextTileReuses() throws Exception {
        byte[] a = storedJpeg(1, 2, 1), b = storedJpeg(1, 0, 0);
        source.offerStoredJpeg(1, 2, 1, a);
        source.offerStoredJpeg(1, 0, 0, b);
        DefaultImageService off = service(config, 0);
        RenderedImage first = off.render(source, tile(1, 2, 1, OutputFormat.JPEG, -1));
        assertTrue(first.passThrough());
        assertTrue(first.bytes().length > first.length(), "a pooled size class, longer than the tile");
        assertArrayEquals(a, first.data());
        RenderedImage whileLent = off.render(source, tile(1, 0, 0, OutputFormat.JPEG, -1));
        assertNotSame(first.bytes(), whileLent.bytes(), "an array is not lent to two responses");
        assertArrayEquals(b, whileLent.data());
        first.afterSent().run();
        RenderedImage next = off.render(source, tile(1, 0, 0, OutputFormat.JPEG, -1));
        assertSame(first.bytes(), next.bytes(), "the array given back is the next one lent");
        assertArrayEquals(b, next.data());
        assertEquals(3, off.renderStats().passThrough());

        RenderedImage cached = service(config, 10_000_000).render(source, tile(1, 2, 1, OutputFormat.JPEG, -1));
        assertEquals(cached.length(), cached.bytes().length, "a tile the cache keeps owns its array");
        assertArrayEquals(a, cached.bytes());
    }

    @Test
    void anIiifRegionThatIsExactlyOneTileAlsoPassesThrough() throws Exception {
        byte[] stored = storedJpeg(1, 1, 0);
        source.offerStoredJpeg(1, 1, 0, stored);
        RenderedImage r = service(config, 10_000_000).render(source, Requests.region(new Rect(512, 0, 512, 512), 256, 256));
        assertTrue(r.passThrough());
        assertArrayEquals(stored, r.data());
    }

    @Test
    void aStoredJpegTileIsNotSentForAnotherFormat() throws Exception {
        byte[] stored = storedJpeg(1, 2, 1);
        source.offerStoredJpeg(1, 2, 1, stored);
        RenderedImage png = service(config, 10_000_000).render(source, tile(1, 2, 1, OutputFormat.PNG, -1));
        assertFalse(png.passThrough());
        assertEquals((byte) 0x89, png.data()[0], "PNG signature");
        assertEquals(1, codecs.encodes());
    }

    @Test
    void passThroughIsNotUsedForAnotherQualityAnOperationOrWhenDisabled() throws Exception {
        byte[] stored = storedJpeg(1, 2, 1);
        source.offerStoredJpeg(1, 2, 1, stored);
        DefaultImageService s = service(config, 10_000_000);

        RenderedImage q = s.render(source, tile(1, 2, 1, OutputFormat.JPEG, 90));
        assertFalse(q.passThrough());
        assertFalse(Arrays.equals(stored, q.data()));

        RenderedImage rotated = s.render(source, Requests.withRotation(tile(1, 2, 1, OutputFormat.JPEG, -1),
                new Rotation(90, false)));
        assertFalse(rotated.passThrough());
        assertFalse(Arrays.equals(stored, rotated.data()));

        RenderedImage mirrored = s.render(source, Requests.withRotation(tile(1, 2, 1, OutputFormat.JPEG, -1),
                new Rotation(0, true)));
        assertFalse(mirrored.passThrough());
        assertEquals(0, source.storedJpegCalls(), "the stored tile is not even asked for");

        DefaultImageService off = service(ConfigEdits.with(config, "codecPassthrough", false), 10_000_000);
        RenderedImage decoded = off.render(source, tile(1, 2, 1, OutputFormat.JPEG, -1));
        assertFalse(decoded.passThrough());
        assertFalse(Arrays.equals(stored, decoded.data()));
        assertEquals(0, source.storedJpegCalls());
    }

    @Test
    void regionRendersAreNotKeptInRamButTheirDecodedTilesAre() {
        // 16 RGB tiles of 256x256 (3 MB decoded) fit in the decoded-tile quarter of 20 MB
        DefaultImageService s = service(config, 20_000_000);
        ImageRequest region = Requests.region(new Rect(100, 100, 900, 700), 450, 350);
        RenderedImage a = s.render(source, region);
        int reads = source.readTileCalls();
        assertTrue(reads >= 4, "region spans several tiles: " + reads);
        RenderedImage b = s.render(source, region);
        assertEquals(reads, source.readTileCalls(), "decoded tiles came from the cache");
        assertEquals(2, codecs.encodes(), "the output itself was rendered twice");
        assertArrayEquals(a.data(), b.data());
        assertEquals(450, a.width());
        assertEquals(350, a.height());
    }

    @Test
    void aRegionExportDoesNotEvictCachedTiles() {
        DefaultImageService s = service(config, 1_000_000);
        for (int col = 0; col < 4; col++) s.render(source, tile(1, col, 0, OutputFormat.JPEG, -1));
        int reads = source.readTileCalls();
        assertEquals(4, reads);
        // the whole full-resolution level: 48 decoded tiles, 9 MB, far more than the cache
        s.render(source, Requests.region(new Rect(0, 0, 2048, 1536), 2000, 1500));
        int afterExport = source.readTileCalls();
        assertEquals(reads + 48, afterExport);
        for (int col = 0; col < 4; col++) s.render(source, tile(1, col, 0, OutputFormat.JPEG, -1));
        assertEquals(afterExport, source.readTileCalls(), "every tile still cached");
        assertEquals(4, s.renderStats().cached());
        assertEquals(0, s.cacheStats().get(1).stores(), "the export's decoded tiles were not kept");

        // and tiles first asked for after exports are kept too (a frequency-based cache full of
        // decoded tiles read by several exports refused them)
        s.render(source, Requests.region(new Rect(0, 0, 2048, 1536), 1900, 1425));
        for (int col = 0; col < 4; col++) s.render(source, tile(1, col, 2, OutputFormat.JPEG, -1));
        int afterNew = source.readTileCalls();
        for (int col = 0; col < 4; col++) s.render(source, tile(1, col, 2, OutputFormat.JPEG, -1));
        assertEquals(afterNew, source.readTileCalls(), "the new tiles were cached");
    }

    @Test
    void aSharedTierAnswersAnotherInstanceWithoutTouchingTheImage() {
        MapResultCache shared = new MapResultCache();
        DefaultImageService first = new DefaultImageService(config, codecs,
                new TieredResultCache(List.of(new RamResultCache(1_000_000), shared)), new DecodedTileCache(1_000_000));
        ImageRequest region = Requests.region(new Rect(100, 100, 900, 700), 450, 350);
        RenderedImage t = first.render(source, tile(1, 1, 1, OutputFormat.JPEG, -1));
        RenderedImage r = first.render(source, region);
        int reads = source.readTileCalls(), encodes = codecs.encodes();
        assertEquals(2, shared.size(), "the tile and the rendition");

        DefaultImageService second = new DefaultImageService(config, codecs,
                new TieredResultCache(List.of(new RamResultCache(1_000_000), shared)), new DecodedTileCache(1_000_000));
        assertArrayEquals(t.data(), second.render(source, tile(1, 1, 1, OutputFormat.JPEG, -1)).data());
        RenderedImage again = second.render(source, region);
        assertArrayEquals(r.data(), again.data());
        assertEquals(450, again.width());
        assertEquals(reads, source.readTileCalls());
        assertEquals(encodes, codecs.encodes());
        assertEquals(new RenderStats(2, 0, 0, 0, 0, 0), second.renderStats());

        source.touch(Instant.ofEpochSecond(2_000_000_000));
        second.render(source, region);
        assertTrue(source.readTileCalls() > reads, "a rewritten file is rendered again, not served stale");
    }

    @Test
    void anUnreadableTileIs500WithoutAPath() {
        source.failReads(true);
        ImageException e = assertThrows(ImageException.class,
                () -> service(config, 10_000_000).render(source, tile(0, 0, 0, OutputFormat.JPEG, -1)));
        assertEquals(500, Failures.status(e));
        assertEquals("unable to read image", e.getMessage());
        assertFalse(e.getMessage().contains("/"));
    }

    @Test
    void aDecoderCrashIs500AndTheServiceKeepsWorking() {
        DefaultImageService s = service(config, 10_000_000);
        org.tessera.source.ImageSource broken = new org.tessera.source.ImageSource() {
            @Override
            public org.tessera.image.ImageInfo info() { return source.info(); }

            @Override
            public org.tessera.image.PixelImage readTile(int page, int level, int col, int row) {
                throw new ArrayIndexOutOfBoundsException("corrupt huffman table");
            }

            @Override
            public void close() {
            }
        };
        ImageException e = assertThrows(ImageException.class, () -> s.render(broken, tile(0, 0, 0, OutputFormat.JPEG, -1)));
        assertEquals(500, Failures.status(e));
        assertEquals("unable to render image", e.getMessage());
        assertEquals(256, s.render(source, tile(0, 0, 0, OutputFormat.JPEG, -1)).width());
    }

    @Test
    void aPageOutsideTheImageIs404() {
        ImageRequest r = tile(0, 0, 0, OutputFormat.JPEG, -1);
        ImageRequest page3 = new ImageRequest(r.identifier(), 3, r.region(), r.width(), r.height(), r.rotation(),
                r.quality(), r.format(), r.encoderQuality(), r.tile());
        assertEquals(404, Failures.status(assertThrows(ImageException.class, () -> service(config, 0).render(source, page3))));
    }

    @Test
    void anUnavailableFormatIs501() {
        ImageException e = assertThrows(ImageException.class,
                () -> service(config, 10_000_000).render(source, tile(0, 0, 0, OutputFormat.WEBP, -1)));
        assertEquals(501, Failures.status(e));
        assertEquals("output format webp is not available", e.getMessage());
    }

    @Test
    void absurdSizesAreRefusedBeforeReading() {
        ImageException e = assertThrows(ImageException.class, () -> service(ConfigEdits.with(config, "maxCvt", -1), 10_000_000)
                .render(source, Requests.region(new Rect(0, 0, 2048, 1536), 20_000, 15_000)));
        assertEquals(400, Failures.status(e));
        assertEquals(0, source.readTileCalls());
    }

    @Test
    void whenTheOnlyWorkerIsBusyAndNoQueueIsAllowedTheNextRenderGets503() throws Exception {
        Config one = ConfigEdits.with(config, "workers", 1, "queueLimit", 0);
        DefaultImageService s = service(one, 10_000_000);
        byte[] stored = storedJpeg(2, 0, 0);
        source.offerStoredJpeg(2, 0, 0, stored);
        s.render(source, tile(1, 0, 0, OutputFormat.PNG, -1));                 // now cached
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = source.slowDown(started);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<RenderedImage> slow = pool.submit(() -> s.render(source, Requests.region(new Rect(0, 0, 700, 700), 300, 300)));
            assertTrue(started.await(10, TimeUnit.SECONDS), "first render reached the source");
            OverloadedException busy = assertThrows(OverloadedException.class,
                    () -> s.render(source, Requests.region(new Rect(10, 10, 500, 500), 100, 100)));
            assertEquals("server busy", busy.getMessage());
            // cache hits and pass-through need no worker
            assertEquals(OutputFormat.PNG, s.render(source, tile(1, 0, 0, OutputFormat.PNG, -1)).format());
            assertTrue(s.render(source, tile(2, 0, 0, OutputFormat.JPEG, -1)).passThrough());
            release.countDown();
            assertEquals(300, slow.get(30, TimeUnit.SECONDS).width());
            assertNotEquals(0, s.render(source, Requests.region(new Rect(10, 10, 500, 500), 100, 100)).data().length,
                    "the worker is free again");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }
}
