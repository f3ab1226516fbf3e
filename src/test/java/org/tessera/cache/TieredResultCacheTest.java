package org.tessera.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TieredResultCacheTest {
    /** A second tier that keeps everything in a map, as a shared tier would. */
    private static final class MapTier implements ResultCache {
        final Map<ResultKey, EncodedResult> map = new ConcurrentHashMap<>();
        int gets;
        boolean cleared;

        @Override
        public Optional<EncodedResult> get(ResultKey key) {
            gets++;
            return Optional.ofNullable(map.get(key));
        }

        @Override
        public void put(ResultKey key, EncodedResult result) { map.put(key, result); }

        @Override
        public void clear() { cleared = true; }

        @Override
        public List<TierStats> stats() { return List.of(new TierStats("map", 0, 0, 0, map.size(), 0, 0, map.size(), -1)); }
    }

    @Test
    void aSecondTierHitIsCopiedIntoRamAndTheNextLookupStaysThere() {
        RamResultCache ram = new RamResultCache(1_000_000);
        MapTier shared = new MapTier();
        TieredResultCache cache = new TieredResultCache(List.of(ram, shared));
        ResultKey k = RamResultCacheTest.tile("a.tif", 3, 7);
        EncodedResult r = new EncodedResult(new byte[] {1, 2, 3}, 10, 20, true);
        shared.put(k, r);

        assertArrayEquals(r.data(), cache.get(k).orElseThrow().data());
        assertEquals(1, shared.gets);
        assertTrue(ram.get(k).isPresent(), "promoted");
        cache.get(k);
        assertEquals(1, shared.gets, "answered by RAM");
    }

    @Test
    void storesGoToEveryTierWhichDecidesByKind() {
        RamResultCache ram = new RamResultCache(1_000_000);
        MapTier shared = new MapTier();
        TieredResultCache cache = new TieredResultCache(List.of(ram, shared));
        ResultKey export = RamResultCacheTest.rendition("a.tif", 7);
        cache.put(export, RamResultCacheTest.bytes(500));
        assertTrue(ram.get(export).isEmpty(), "renditions stay out of RAM");
        assertTrue(shared.map.containsKey(export), "and are shared");
        assertTrue(cache.get(export).isPresent());
        assertEquals(List.of("ram", "map"), cache.stats().stream().map(TierStats::tier).toList());
        cache.clear();
        assertTrue(shared.cleared);
    }
}
