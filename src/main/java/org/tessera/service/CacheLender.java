package org.tessera.service;

import org.tessera.cache.DecodedTileCache;
import org.tessera.cache.ResultCache;

/** The in-RAM caches as one lender: each lends in proportion to what it may lend. */
record CacheLender(ResultCache results, DecodedTileCache decoded) implements MemoryBudget.Lender {
    @Override
    public long lendable() {
        return results.lendable() + decoded.lendable();
    }

    @Override
    public void lend(long bytes) {
        long total = lendable();
        if (total == 0) return;
        long fromResults = (long) ((double) bytes * results.lendable() / total);
        results.lend(fromResults);
        decoded.lend(bytes - fromResults);
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
