package org.tessera.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tessera.image.PixelImage;
import org.tessera.format.OutputFormat;

class TileCacheTest {
    private static TileKey jpeg(int col, int quality, long mtime) {
        return TileKey.encoded("a.tif", 0, 1, col, 0, OutputFormat.JPEG, quality, mtime);
    }

    private static EncodedTile bytes(int n) { return new EncodedTile(new byte[n], 256, 256, false); }

    @Test
    void encodedAndDecodedTilesLiveSideBySide() {
        TileCache cache = new TileCache(10_000_000);
        EncodedTile e = bytes(1000);
        PixelImage raw = PixelImage.blank(16, 16, 3);
        cache.putEncoded(jpeg(0, -1, 5), e);
        cache.putDecoded(TileKey.decoded("a.tif", 0, 1, 0, 0, 5), raw);
        assertSame(e, cache.encoded(jpeg(0, -1, 5)).orElseThrow());
        assertSame(raw, cache.decoded(TileKey.decoded("a.tif", 0, 1, 0, 0, 5)).orElseThrow());
        assertTrue(cache.decoded(jpeg(0, -1, 5)).isEmpty(), "an encoded key never yields pixels");
        assertThrows(IllegalArgumentException.class, () -> cache.putDecoded(jpeg(0, -1, 5), raw));
        CacheStats s = cache.stats();
        assertEquals(2, s.hits());
        assertEquals(2, s.entries());
    }

    @Test
    void qualityFormatAndMtimeAreDistinctEntries() {
        TileCache cache = new TileCache(10_000_000);
        cache.putEncoded(jpeg(0, -1, 5), bytes(10));
        assertTrue(cache.encoded(jpeg(0, 90, 5)).isEmpty(), "other quality");
        assertTrue(cache.encoded(TileKey.encoded("a.tif", 0, 1, 0, 0, OutputFormat.PNG, -1, 5)).isEmpty(), "other format");
        assertTrue(cache.encoded(jpeg(0, -1, 6)).isEmpty(), "file rewritten");
        assertTrue(cache.encoded(TileKey.encoded("b.tif", 0, 1, 0, 0, OutputFormat.JPEG, -1, 5)).isEmpty(), "other image");
        assertTrue(cache.encoded(TileKey.encoded("a.tif", 1, 1, 0, 0, OutputFormat.JPEG, -1, 5)).isEmpty(), "other page");
        assertTrue(cache.encoded(jpeg(0, -1, 5)).isPresent());
        assertEquals(5, cache.stats().misses());
    }

    @Test
    void theByteBoundEvicts() {
        TileCache cache = new TileCache(100_000);
        for (int i = 0; i < 50; i++) cache.putEncoded(jpeg(i, -1, 1), bytes(10_000));
        CacheStats s = cache.stats();
        assertTrue(s.weightBytes() <= 100_000, "weight " + s.weightBytes());
        assertTrue(s.entries() < 10, "entries " + s.entries());
        assertTrue(s.evictions() >= 40);
        int present = 0;
        for (int i = 0; i < 50; i++) if (cache.encoded(jpeg(i, -1, 1)).isPresent()) present++;
        assertEquals(s.entries(), present);
    }

    @Test
    void zeroDisablesAndClearEmpties() {
        TileCache off = new TileCache(0);
        assertFalse(off.enabled());
        off.putEncoded(jpeg(0, -1, 1), bytes(10));
        assertTrue(off.encoded(jpeg(0, -1, 1)).isEmpty());

        TileCache on = new TileCache(1_000_000);
        on.putEncoded(jpeg(0, -1, 1), bytes(10));
        on.clear();
        assertTrue(on.encoded(jpeg(0, -1, 1)).isEmpty());
        assertEquals(0, on.stats().entries());
    }
}
