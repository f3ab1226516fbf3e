package org.tessera.cache;

/** Counters of the tile cache, for logs and tests. */
public record CacheStats(long hits, long misses, long evictions, long entries, long weightBytes) {
}
