package org.tessera.testing;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.tessera.cache.EncodedResult;
import org.tessera.cache.ResultCache;
import org.tessera.cache.ResultKey;
import org.tessera.cache.TierStats;

/** A shared tier in a map: what memcached does for several service instances, in one JVM. */
public final class MapResultCache implements ResultCache {
    private final Map<ResultKey, EncodedResult> map = new ConcurrentHashMap<>();

    @Override
    public Optional<EncodedResult> get(ResultKey key) { return Optional.ofNullable(map.get(key)); }

    @Override
    public void put(ResultKey key, EncodedResult result) { map.put(key, result); }

    @Override
    public void clear() {
    }

    @Override
    public List<TierStats> stats() { return List.of(new TierStats("map", 0, 0, 0, map.size(), 0, 0, map.size(), -1)); }

    public int size() { return map.size(); }
}
