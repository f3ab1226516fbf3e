package org.tessera.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tessera.config.MemcachedServer;

/**
 * The shared tier with no memcached behind its address (the real server is exercised by
 * MemcachedIT): every lookup is a miss counted as an error, nothing throws, and a result larger
 * than an item is not even attempted.
 */
class MemcachedResultCacheTest {
    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void aServerThatIsDownIsAMissNeverAFailure() throws Exception {
        MemcachedResultCache cache = MemcachedResultCache.connect(List.of(new MemcachedServer("127.0.0.1", closedPort())),
                86400, Duration.ofMillis(100), "test");
        try {
            ResultKey key = RamResultCacheTest.tile("a.tif", 1, 5);
            for (int i = 0; i < 20; i++) assertTrue(cache.get(key).isEmpty());
            cache.put(key, RamResultCacheTest.bytes(1000));
            cache.put(key, RamResultCacheTest.bytes(MemcachedResultCache.DEFAULT_ITEM_SIZE));
            TierStats s = cache.stats().get(0);
            assertEquals("memcached", s.tier());
            assertEquals(0, s.hits());
            assertTrue(s.errors() >= 20, "every lookup counted: " + s);
            assertEquals(1, s.skipped(), "larger than an item: not sent");
            assertEquals(-1, s.entries());
            cache.clear(); // shared: a no-op, and no failure
        } finally {
            cache.close();
        }
    }
}
