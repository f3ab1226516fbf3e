package org.tessera.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tiers in order (RAM first, then a shared tier): a lookup stops at the first hit and copies it
 * into the earlier tiers, so the next request for it stays in this process; a store goes to every
 * tier, each deciding by its own policy.
 */
public final class TieredResultCache implements ResultCache {
    private final List<ResultCache> tiers;

    public TieredResultCache(List<ResultCache> tiers) {
        if (tiers.isEmpty()) throw new IllegalArgumentException("no tier");
        this.tiers = List.copyOf(tiers);
    }

    @Override
    public Optional<EncodedResult> get(ResultKey key) {
        for (int i = 0; i < tiers.size(); i++) {
            Optional<EncodedResult> hit = tiers.get(i).get(key);
            if (hit.isPresent()) {
                for (int j = 0; j < i; j++) tiers.get(j).put(key, hit.get());
                return hit;
            }
        }
        return Optional.empty();
    }

    @Override
    public void put(ResultKey key, EncodedResult result) {
        for (ResultCache t : tiers) t.put(key, result);
    }

    @Override
    public boolean keeps(ResultKey key) {
        return tiers.stream().anyMatch(t -> t.keeps(key));
    }

    @Override
    public void clear() {
        tiers.forEach(ResultCache::clear);
    }

    @Override
    public List<TierStats> stats() {
        List<TierStats> all = new ArrayList<>();
        for (ResultCache t : tiers) all.addAll(t.stats());
        return all;
    }

    @Override
    public long heapBytes() {
        return tiers.stream().mapToLong(ResultCache::heapBytes).sum();
    }

    @Override
    public long lendable() {
        return tiers.stream().mapToLong(ResultCache::lendable).sum();
    }

    /** Each tier lends its share, in proportion to what it may lend. */
    @Override
    public void lend(long bytes) {
        long total = lendable();
        for (ResultCache t : tiers) {
            if (t.lendable() > 0) t.lend((long) ((double) bytes * t.lendable() / total));
        }
    }

    @Override
    public void close() {
        tiers.forEach(ResultCache::close);
    }
}
