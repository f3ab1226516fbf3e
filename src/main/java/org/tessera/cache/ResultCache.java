package org.tessera.cache;

import java.util.List;
import java.util.Optional;

/**
 * A cache of encoded results (tiles and renditions). The in-RAM cache is one implementation; a
 * shared tier (memcached) is another; {@link TieredResultCache} puts them in order. The service
 * only sees this interface, so adding a tier touches neither the protocols nor the pipeline.
 *
 * <p>Implementations never throw: a tier that cannot answer counts an error and answers a miss,
 * because a cache must never fail a request the image can serve. Thread-safe.
 */
public interface ResultCache {
    Optional<EncodedResult> get(ResultKey key);

    /** Offers a result; the cache may decline it (size, kind, tier policy). */
    void put(ResultKey key, EncodedResult result);

    /**
     * Whether a result offered under {@code key} may be kept (or handed to another thread) after
     * {@link #put} returns. When not, the caller may send it from an array it reuses afterwards.
     */
    default boolean keeps(ResultKey key) {
        return true;
    }

    /** Empties what this process holds in RAM (SIGHUP); shared tiers keep what other instances use. */
    void clear();

    /** Counters of every tier, first tier first. */
    List<TierStats> stats();

    /** Heap bytes the in-RAM tier holds now; 0 for tiers that hold no heap. */
    default long heapBytes() {
        return 0;
    }

    /**
     * Heap bytes this cache may lend to renders at most (its in-RAM tier: three quarters of its
     * bound, so the hottest quarter stays); 0 for tiers that hold no heap.
     */
    default long lendable() {
        return 0;
    }

    /**
     * Lends {@code bytes} in all, replacing what was lent before (0 takes everything back): the
     * cache evicts down to its bound less that, and may fill up again once it is returned.
     */
    default void lend(long bytes) {
    }

    /** Releases connections and threads; the cache answers misses afterwards. */
    default void close() {
    }
}
