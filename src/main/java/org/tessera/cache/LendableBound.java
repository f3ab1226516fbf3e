package org.tessera.cache;

import com.github.benmanes.caffeine.cache.Cache;

/**
 * The byte bound of a weighed in-RAM cache, part of which renders can borrow for as long as they
 * run: a large export then fits in a heap sized for the cache plus a little, by the cache holding
 * less meanwhile, instead of the heap being sized for the cache and the export together.
 */
final class LendableBound {
    private final Cache<?, ?> cache;
    private final long maxBytes;

    LendableBound(Cache<?, ?> cache, long maxBytes) {
        this.cache = cache;
        this.maxBytes = maxBytes;
    }

    /** Three quarters of the bound: the hottest entries stay whatever is borrowed. */
    long lendable() {
        return cache == null ? 0 : maxBytes / 4 * 3;
    }

    /** Evicts down to the bound less {@code bytes} (capped at what is lendable); 0 restores it. */
    void lend(long bytes) {
        if (cache == null) return;
        long bound = maxBytes - Math.clamp(bytes, 0, lendable());
        // setMaximum evicts on this thread before it returns (the caches run maintenance inline)
        cache.policy().eviction().ifPresent(e -> {
            if (e.getMaximum() != bound) e.setMaximum(bound);
        });
    }
}
