package org.tessera.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RamResultCacheTest {
    static ResultKey tile(String id, int col, long mtime) {
        return new ResultKey(id, mtime, ResultKey.Kind.TILE, "tile/p0/l1/c" + col + "/r0/Encode[format=JPEG, quality=-1]");
    }

    static ResultKey rendition(String id, long mtime) {
        return new ResultKey(id, mtime, ResultKey.Kind.RENDITION, "render/p0/l0/0,0,100,100/Encode[format=JPEG, quality=-1]");
    }

    static EncodedResult bytes(int n) { return new EncodedResult(new byte[n], 256, 256, false); }

    @Test
    void keepsTilesAndDeclinesRenditions() {
        RamResultCache cache = new RamResultCache(10_000_000);
        EncodedResult t = bytes(1000);
        cache.put(tile("a.tif", 0, 5), t);
        cache.put(rendition("a.tif", 5), bytes(1000));
        assertSame(t, cache.get(tile("a.tif", 0, 5)).orElseThrow());
        assertTrue(cache.get(rendition("a.tif", 5)).isEmpty());
        TierStats s = cache.stats().get(0);
        assertEquals("ram", s.tier());
        assertEquals(1, s.hits());
        assertEquals(1, s.stores());
        assertEquals(1, s.skipped());
        assertEquals(1, s.entries());
    }

    @Test
    void imageAndMtimeAndSpecAreDistinctEntries() {
        RamResultCache cache = new RamResultCache(10_000_000);
        cache.put(tile("a.tif", 0, 5), bytes(10));
        assertTrue(cache.get(tile("a.tif", 0, 6)).isEmpty(), "file rewritten");
        assertTrue(cache.get(tile("b.tif", 0, 5)).isEmpty(), "other image");
        assertTrue(cache.get(tile("a.tif", 1, 5)).isEmpty(), "other tile");
        assertTrue(cache.get(tile("a.tif", 0, 5)).isPresent());
        assertEquals(3, cache.stats().get(0).misses());
    }

    @Test
    void theByteBoundEvicts() {
        RamResultCache cache = new RamResultCache(100_000);
        for (int i = 0; i < 50; i++) cache.put(tile("a.tif", i, 1), bytes(10_000));
        TierStats s = cache.stats().get(0);
        assertTrue(s.bytes() <= 100_000, "weight " + s.bytes());
        assertTrue(s.entries() < 10, "entries " + s.entries());
        assertTrue(s.evictions() >= 40);
        int present = 0;
        for (int i = 0; i < 50; i++) if (cache.get(tile("a.tif", i, 1)).isPresent()) present++;
        assertEquals(s.entries(), present);
    }

    @Test
    void zeroDisablesAndClearEmpties() {
        RamResultCache off = new RamResultCache(0);
        assertFalse(off.enabled());
        off.put(tile("a.tif", 0, 1), bytes(10));
        assertTrue(off.get(tile("a.tif", 0, 1)).isEmpty());

        RamResultCache on = new RamResultCache(1_000_000);
        on.put(tile("a.tif", 0, 1), bytes(10));
        on.clear();
        assertTrue(on.get(tile("a.tif", 0, 1)).isEmpty());
        assertEquals(0, on.stats().get(0).entries());
    }
}
