package org.tessera.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * The in-RAM tier (MAX_IMAGE_CACHE_SIZE), bounded by bytes. It keeps whole tiles only, as iipsrv's
 * tile cache does: viewers ask for the same tiles again and again, while renditions (exports,
 * thumbnails, rotated views) are large or one-off and would push tiles out. A maximum of 0 disables
 * it: no lookups, no inserts.
 */
public final class RamResultCache implements ResultCache {
    /** Fixed per-entry cost on top of the data: Caffeine node, value record, array header. */
    private static final int ENTRY_OVERHEAD = 96;

    private final long maxBytes;
    private final Cache<ResultKey, EncodedResult> cache;
    private final LongAdder stores = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LendableBound bound;

    public RamResultCache(long maxBytes) {
        this.maxBytes = Math.max(0, maxBytes);
        this.cache = this.maxBytes == 0 ? null : Caffeine.newBuilder()
                .maximumWeight(this.maxBytes)
                .weigher(RamResultCache::weigh)
                // eviction runs on the calling thread: no background pool, deterministic bound
                .executor(Runnable::run)
                .recordStats()
                .build();
        this.bound = new LendableBound(cache, this.maxBytes);
    }

    public boolean enabled() { return cache != null; }

    public long maxBytes() { return maxBytes; }

    @Override
    public Optional<EncodedResult> get(ResultKey key) {
        if (cache == null || !key.isTile()) return Optional.empty();
        return Optional.ofNullable(cache.getIfPresent(key));
    }

    @Override
    public void put(ResultKey key, EncodedResult result) {
        if (cache == null) return;
        if (!key.isTile()) {
            skipped.increment();
            return;
        }
        cache.put(key, result);
        stores.increment();
    }

    /** Tiles only, and nothing when the cache is off (MAX_IMAGE_CACHE_SIZE=0). */
    @Override
    public boolean keeps(ResultKey key) {
        return cache != null && key.isTile();
    }

    @Override
    public long heapBytes() {
        if (cache == null) return 0;
        return cache.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
    }

    @Override
    public long lendable() { return bound.lendable(); }

    @Override
    public void lend(long bytes) { bound.lend(bytes); }

    @Override
    public void clear() {
        if (cache != null) {
            cache.invalidateAll();
            cache.cleanUp();
        }
    }

    @Override
    public List<TierStats> stats() {
        if (cache == null) return List.of(new TierStats("ram", 0, 0, 0, 0, skipped.sum(), 0, 0, 0));
        cache.cleanUp();
        var s = cache.stats();
        long weight = cache.policy().eviction().flatMap(e -> e.weightedSize().isPresent()
                ? Optional.of(e.weightedSize().getAsLong()) : Optional.empty()).orElse(0L);
        return List.of(new TierStats("ram", s.hitCount(), s.missCount(), 0, stores.sum(), skipped.sum(),
                s.evictionCount(), cache.estimatedSize(), weight));
    }

    private static int weigh(ResultKey key, EncodedResult value) {
        return (int) Math.min(Integer.MAX_VALUE, (long) value.data().length + key.weight() + ENTRY_OVERHEAD);
    }
}
