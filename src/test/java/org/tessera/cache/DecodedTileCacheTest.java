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
}
