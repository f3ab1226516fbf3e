package org.tessera.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Optional;
import org.tessera.image.PixelImage;

/**
 * The in-RAM tile cache (MAX_IMAGE_CACHE_SIZE), bounded by bytes, holding both encoded tiles and
 * decoded (RAW) tiles under {@link TileKey}s. A maximum of 0 disables it: no lookups, no inserts.
 * Thread-safe.
 */
public final class TileCache {
    /** Fixed per-entry cost on top of the data: Caffeine node, value record, array header. */
    private static final int ENTRY_OVERHEAD = 96;

    private final long maxBytes;
    private final Cache<TileKey, Object> cache;

    public TileCache(long maxBytes) {
        this.maxBytes = Math.max(0, maxBytes);
        this.cache = this.maxBytes == 0 ? null : Caffeine.newBuilder()
                .maximumWeight(this.maxBytes)
                .weigher(TileCache::weigh)
                // eviction runs on the calling thread: no background pool, deterministic bound
                .executor(Runnable::run)
                .recordStats()
                .build();
    }

    public boolean enabled() { return cache != null; }

    public long maxBytes() { return maxBytes; }

    public Optional<EncodedTile> encoded(TileKey key) {
        if (cache == null || key.encoding() == TileEncoding.RAW) return Optional.empty();
        return Optional.ofNullable((EncodedTile) cache.getIfPresent(key));
    }

    public void putEncoded(TileKey key, EncodedTile tile) {
        if (key.encoding() == TileEncoding.RAW) throw new IllegalArgumentException("encoded tile under a RAW key");
        if (cache != null) cache.put(key, tile);
    }

    public Optional<PixelImage> decoded(TileKey key) {
        if (cache == null || key.encoding() != TileEncoding.RAW) return Optional.empty();
        return Optional.ofNullable((PixelImage) cache.getIfPresent(key));
    }

    public void putDecoded(TileKey key, PixelImage image) {
        if (key.encoding() != TileEncoding.RAW) throw new IllegalArgumentException("decoded tile under an encoded key");
        if (cache != null) cache.put(key, image);
    }

    /** Empties the cache (SIGHUP); counters keep running. */
    public void clear() {
        if (cache != null) {
            cache.invalidateAll();
            cache.cleanUp();
        }
    }

    public CacheStats stats() {
        if (cache == null) return new CacheStats(0, 0, 0, 0, 0);
        cache.cleanUp();
        var s = cache.stats();
        long weight = cache.policy().eviction().flatMap(e -> e.weightedSize().isPresent()
                ? Optional.of(e.weightedSize().getAsLong()) : Optional.empty()).orElse(0L);
        return new CacheStats(s.hitCount(), s.missCount(), s.evictionCount(), cache.estimatedSize(), weight);
    }

    private static int weigh(TileKey key, Object value) {
        // instanceof, not a pattern switch: a type switch is bootstrapped at run time (class
        // spinning on the first tile after a start), which the start-up cache cannot hold
        long data;
        if (value instanceof EncodedTile t) data = t.data().length;
        else if (value instanceof PixelImage p) data = p.pixels().length;
        else throw new IllegalStateException("unexpected cache value " + value.getClass());
        return (int) Math.min(Integer.MAX_VALUE, data + key.weight() + ENTRY_OVERHEAD);
    }
}
