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

    /** Empties what this process holds in RAM (SIGHUP); shared tiers keep what other instances use. */
    void clear();

    /** Counters of every tier, first tier first. */
    List<TierStats> stats();

    /** Releases connections and threads; the cache answers misses afterwards. */
    default void close() {
    }
}
