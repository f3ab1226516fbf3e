package org.tessera.service;

import org.tessera.cache.DecodedTileCache;
import org.tessera.cache.ResultCache;

/**
 * The in-RAM caches as one lender: the decoded tiles lend first, as much as they hold above their
 * floor (they may have grown into the encoded results' unused share, and lending from a tier that
 * holds nothing would free nothing), the encoded results the rest.
 */
record CacheLender(ResultCache results, DecodedTileCache decoded) implements MemoryBudget.Lender {
    @Override
    public long lendable() {
        return results.lendable() + decoded.lendable();
    }

    @Override
    public void lend(long bytes) {
        long fromDecoded = decoded.lend(bytes);
        results.lend(bytes - fromDecoded);
    }

    /**
     * A full collection: the evicted entries are freed and, the launcher's collector settings
     * shrinking the heap at once ({@code -XX:-ShrinkHeapInSteps}), their memory is returned.
     */
    @Override
    public void reclaim() {
        System.gc();
    }
}
