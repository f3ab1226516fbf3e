package org.tessera.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Optional;
import org.tessera.image.PixelImage;

/**
 * Decoded tiles kept for region rendering, in an area of their own, bounded by bytes and separate
 * from the encoded results: a region export decodes hundreds of tiles, each ten times the size of
 * its JPEG, and in a shared cache they would push out every tile the viewers are using. The area
 * has a share of its own, and may also use what the encoded results leave unused of the whole
 * budget ({@link #othersHold}): a server that mostly exports then keeps as many decoded tiles as
 * the whole cache holds, and gives the room back as tiles are cached. Callers ask {@link #admits}
 * first: a read larger than the whole area would only evict itself. A share of 0 disables it.
 * Thread-safe.
 */
public final class DecodedTileCache {
    private static final int ENTRY_OVERHEAD = 96;
    /** Moves of the bound smaller than this are applied only when they must evict. */
    private static final long STEP = 1L << 20;

    private final long maxBytes;
    private final long totalBytes;
    private final Cache<TileKey, PixelImage> cache;
    private final java.util.concurrent.atomic.LongAdder stores = new java.util.concurrent.atomic.LongAdder();
    private long othersHold; // guarded by this
    private long lent;       // guarded by this
    private volatile long bound;

    /** An area of {@code maxBytes}, never more. */
    public DecodedTileCache(long maxBytes) {
        this(maxBytes, maxBytes);
    }

    /**
     * @param maxBytes   the area's own share
     * @param totalBytes the whole budget it shares with the encoded results (MAX_IMAGE_CACHE_SIZE)
     */
    public DecodedTileCache(long maxBytes, long totalBytes) {
        this.maxBytes = Math.max(0, maxBytes);
        this.totalBytes = Math.max(this.maxBytes, totalBytes);
        this.cache = this.maxBytes == 0 ? null : Caffeine.newBuilder()
                .maximumWeight(this.maxBytes)
                .weigher(DecodedTileCache::weigh)
                .executor(Runnable::run)
                .recordStats()
                .build();
        this.bound = this.maxBytes;
        if (cache != null) othersHold(0);
    }

    /** The area's own share. */
    public long maxBytes() { return maxBytes; }

    /** What the area may hold now: its share, or more while the encoded results leave room. */
    public long bound() { return bound; }

    /** Whether a read of {@code tiles} decoded tiles of {@code tileBytes} each is worth keeping. */
    public boolean admits(long tiles, long tileBytes) {
        return cache != null && tiles * (tileBytes + ENTRY_OVERHEAD) <= bound;
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

    /**
     * The encoded results hold {@code bytes} of the whole budget now: the area may grow into the
     * rest, and shrinks (evicting at once) as they grow, never below its own share.
     */
    public void othersHold(long bytes) {
        if (cache == null) return; // no lock on the tile path of a server without this area
        synchronized (this) {
            othersHold = Math.max(0, bytes);
            apply();
        }
    }

    /** See {@link ResultCache#lendable()}: three quarters of its own share. */
    public long lendable() { return cache == null ? 0 : maxBytes - floor(); }

    /**
     * Lends up to {@code bytes} in all (replacing what was lent before; 0 takes everything back):
     * as much as the area holds above its floor, including what it has grown into beyond its
     * share. Returns how much it took on; the caller borrows the rest elsewhere.
     */
    public synchronized long lend(long bytes) {
        if (cache == null) return 0;
        lent = Math.clamp(bytes, 0, Math.max(0, room() - floor()));
        apply();
        return lent;
    }

    /** The least the area keeps, whatever is lent: a quarter of its share. */
    private long floor() { return maxBytes / 4; }

    /** The encoded results never hold more than the budget less this share: at least the share. */
    private long room() { return Math.max(maxBytes, totalBytes - othersHold); }

    private void apply() {
        long b = Math.max(floor(), room() - lent);
        bound = b;
        cache.policy().eviction().ifPresent(e -> {
            long applied = e.getMaximum();
            // small moves wait unless they must evict now: every cached tile moves the bound a little
            boolean small = Math.abs(b - applied) < STEP && b > 16 * STEP;
            if (b == applied || small && (b > applied || e.weightedSize().orElse(0) <= b)) return;
            // setMaximum evicts on this thread before it returns (maintenance runs inline)
            e.setMaximum(b);
        });
    }

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
