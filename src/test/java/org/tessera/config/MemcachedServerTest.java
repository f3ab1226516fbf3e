package org.tessera.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemcachedServerTest {
    @Test
    void commaListWithOptionalPorts() {
        assertEquals(List.of(new MemcachedServer("localhost", 11211), new MemcachedServer("10.0.0.2", 11311),
                        new MemcachedServer("::1", 11212), new MemcachedServer("cache.example.org", 11211)),
                MemcachedServer.parseList(" localhost, 10.0.0.2:11311,[::1]:11212 cache.example.org "));
        assertTrue(MemcachedServer.parseList("").isEmpty());
        assertEquals("[::1]:11212", new MemcachedServer("::1", 11212).toString());
    }

    @Test
    void badEntriesAreRefusedAtStartup() {
        for (String bad : List.of("host:0", "host:99999", "host:port", "::1", "[::1", "[::1]x", "ho/st")) {
            assertThrows(IllegalArgumentException.class, () -> MemcachedServer.parseList(bad), bad);
            ConfigException e = assertThrows(ConfigException.class,
                    () -> EnvConfig.parse(Map.of("MEMCACHED_SERVERS", bad)), bad);
            assertEquals("MEMCACHED_SERVERS", e.variable());
        }
    }

    @Test
    void unsetMeansNoSharedCache() {
        assertEquals("", EnvConfig.parse(Map.of()).memcachedServers());
        assertEquals("", Config.defaults("/tmp/").memcachedServers());
        assertEquals("a:1,b", EnvConfig.parse(Map.of("MEMCACHED_SERVERS", "a:1,b")).memcachedServers());
    }
}
