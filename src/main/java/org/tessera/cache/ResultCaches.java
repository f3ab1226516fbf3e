package org.tessera.cache;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.config.Config;
import org.tessera.config.MemcachedServer;

/** Builds the result cache a configuration asks for: RAM, then memcached when MEMCACHED_SERVERS is set. */
public final class ResultCaches {
    private static final Logger LOG = LoggerFactory.getLogger(ResultCaches.class);
    /** The longest a memcached lookup may delay a request before it is served from the image. */
    public static final Duration MEMCACHED_WAIT = Duration.ofMillis(100);

    private ResultCaches() {
    }

    /** @param ramBytes the in-RAM tier's share of MAX_IMAGE_CACHE_SIZE */
    public static ResultCache create(Config config, long ramBytes) {
        RamResultCache ram = new RamResultCache(ramBytes);
        List<MemcachedServer> servers = MemcachedServer.parseList(config.memcachedServers());
        if (servers.isEmpty()) return ram;
        try {
            MemcachedResultCache shared = MemcachedResultCache.connect(servers, config.memcachedTimeout(), MEMCACHED_WAIT,
                    CacheNamespace.of(config));
            LOG.info("shared cache: memcached at {} (expiry {} s, lookups wait at most {} ms)", servers,
                    config.memcachedTimeout(), MEMCACHED_WAIT.toMillis());
            return new TieredResultCache(List.of(ram, shared));
        } catch (IOException | RuntimeException e) {
            // memcached is an optimisation: without it every answer still comes from the image
            LOG.error("memcached at {} not usable ({}); running with the in-RAM cache only", servers, e.toString());
            return ram;
        }
    }
}
