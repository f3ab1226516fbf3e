package org.tessera.cache;

/**
 * Counters of one cache tier, for metrics, status and the periodic log line.
 *
 * @param tier    "ram", "memcached", "decoded"
 * @param errors  lookups or stores that failed (timeouts, connection loss), answered as misses
 * @param skipped results the tier declined to store (kind or size policy)
 * @param entries current entries, -1 when the tier cannot tell (shared tiers)
 * @param bytes   current accounted size, -1 when unknown
 */
public record TierStats(String tier, long hits, long misses, long errors, long stores, long skipped, long evictions,
                        long entries, long bytes) {
}
