package org.tessera.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Optional;
import org.tessera.image.PixelImage;

/**
 * Decoded tiles kept for region rendering, in an area of their own, bounded by bytes and separate
 * from the encoded results: a region export decodes hundreds of tiles, each ten times the size of
 * its JPEG, and in a shared cache they would push out every tile the viewers are using. Callers
 * ask {@link #admits} first: a read larger than the whole area would only evict itself.
 * A maximum of 0 disables it. Thread-safe.
 */
public final class DecodedTileCache {
    private static final int ENTRY_OVERHEAD = 96;

    private final long maxBytes;
    private final Cache<TileKey, PixelImage> cache;
    private final java.util.concurrent.atomic.LongAdder stores = new java.util.concurrent.atomic.LongAdder();
    private final LendableBound bound;

    public DecodedTileCache(long maxBytes) {
        this.maxBytes = Math.max(0, maxBytes);
        this.cache = this.maxBytes == 0 ? null : Caffeine.newBuilder()
                .maximumWeight(this.maxBytes)
                .weigher(DecodedTileCache::weigh)
                .executor(Runnable::run)
                .recordStats()
                .build();
        this.bound = new LendableBound(cache, this.maxBytes);
    }

    public long maxBytes() { return maxBytes; }

    /** Whether a read of {@code tiles} decoded tiles of {@code tileBytes} each is worth keeping. */
    public boolean admits(long tiles, long tileBytes) {
        return cache != null && tiles * (tileBytes + ENTRY_OVERHEAD) <= maxBytes;
    }

    public Optional<PixelImage> get(TileKey key) {
        if (cache == null) return Optional.empty();
        return Optional.ofNullable(cache.getIfPresent(key));
    }

    public void put(TileKey key, PixelImage image) {
        if (cache != null) {
            cache.put(key, image);
            stores.increment();
        }
    }

    /** See {@link ResultCache#lendable()}. */
    public long lendable() { return bound.lendable(); }

    /** See {@link ResultCache#lend(long)}. */
    public void lend(long bytes) { bound.lend(bytes); }

    public void clear() {
        if (cache != null) {
            cache.invalidateAll();
            cache.cleanUp();
        }
    }

    public TierStats stats() {
        if (cache == null) return new TierStats("decoded", 0, 0, 0, 0, 0, 0, 0, 0);
        cache.cleanUp();
        var s = cache.stats();
        long weight = cache.policy().eviction().flatMap(e -> e.weightedSize().isPresent()
                ? Optional.of(e.weightedSize().getAsLong()) : Optional.empty()).orElse(0L);
        return new TierStats("decoded", s.hitCount(), s.missCount(), 0, stores.sum(), 0, s.evictionCount(),
                cache.estimatedSize(), weight);
    }

    private static int weigh(TileKey key, PixelImage value) {
        return (int) Math.min(Integer.MAX_VALUE, (long) value.pixels().length + key.weight() + ENTRY_OVERHEAD);
    }
}
