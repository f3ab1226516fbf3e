package org.tessera.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tessera.image.PixelImage;

class DecodedTileCacheTest {
    @Test
    void keepsPixelsUnderTheirKeyAndMtime() {
        DecodedTileCache cache = new DecodedTileCache(1_000_000);
        PixelImage p = PixelImage.blank(16, 16, 3);
        cache.put(new TileKey("a.tif", 0, 1, 2, 3, 5), p);
        assertSame(p, cache.get(new TileKey("a.tif", 0, 1, 2, 3, 5)).orElseThrow());
        assertTrue(cache.get(new TileKey("a.tif", 0, 1, 2, 3, 6)).isEmpty(), "file rewritten");
        TierStats s = cache.stats();
        assertEquals("decoded", s.tier());
        assertEquals(1, s.hits());
        assertEquals(1, s.misses());
        assertEquals(1, s.stores());
    }

    @Test
    void admitsOnlyReadsThatFitInTheArea() {
        DecodedTileCache cache = new DecodedTileCache(10 * 200_000);
        assertTrue(cache.admits(9, 196_608), "a viewer region over 9 RGB 256x256 tiles");
        assertFalse(cache.admits(11, 196_608), "more than the area holds");
        assertFalse(cache.admits(400, 196_608), "an export of 400 tiles would only evict itself");
        assertFalse(new DecodedTileCache(0).admits(1, 1), "disabled");
    }

    @Test
    void growsIntoWhatTheEncodedResultsLeaveAndGivesItBack() {
        long mb = 1L << 20;
        // a share of 4 MB in a budget of 16 MB
        DecodedTileCache cache = new DecodedTileCache(4 * mb, 16 * mb);
        assertEquals(16 * mb, cache.bound(), "nothing encoded yet: the whole budget");
        for (int i = 0; i < 60; i++) cache.put(new TileKey("a.tif", 0, 0, i, 0, 1), PixelImage.blank(256, 256, 3));
        long held = cache.stats().bytes();
        assertTrue(held > 10 * mb && held <= 16 * mb, "60 tiles of 192 KB: " + held);
        assertTrue(cache.admits(60, 196_608));

        cache.othersHold(9 * mb);
        assertEquals(7 * mb, cache.bound());
        assertTrue(cache.stats().bytes() <= 7 * mb, "evicted down at once: " + cache.stats().bytes());
        cache.othersHold(15 * mb);
        assertEquals(4 * mb, cache.bound(), "never below its own share");
        assertTrue(cache.stats().bytes() <= 4 * mb);

        cache.lend(2 * mb);
        assertEquals(2 * mb, cache.bound(), "lent to a render");
        cache.lend(0);
        cache.othersHold(0);
        assertEquals(16 * mb, cache.bound());
    }
}
