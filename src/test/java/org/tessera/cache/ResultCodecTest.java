package org.tessera.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResultCodecTest {
    private final ResultCodec codec = new ResultCodec("ns1");

    @Test
    void keysAreShortSafeAndDependOnEverythingThatDecidesTheBytes() {
        ResultKey k = new ResultKey("dir with space/é.tif", 1000, ResultKey.Kind.TILE, "tile/p0/l1/c2/r3/x");
        String key = codec.key(k);
        assertTrue(key.matches("tessera:[A-Za-z0-9_-]{43}"), key);
        assertEquals(key, new ResultCodec("ns1").key(k), "every instance computes the same key");
        assertNotEquals(key, codec.key(new ResultKey(k.identifier(), 1001, k.kind(), k.spec())), "mtime");
        assertNotEquals(key, codec.key(new ResultKey("other.tif", 1000, k.kind(), k.spec())), "identifier");
        assertNotEquals(key, codec.key(new ResultKey(k.identifier(), 1000, k.kind(), "tile/p0/l1/c2/r4/x")), "spec");
        assertNotEquals(key, new ResultCodec("ns2").key(k), "namespace");
    }

    @Test
    void aValueRoundTripsAndIsRejectedUnderAnyOtherKey() {
        ResultKey k = new ResultKey("a.tif", 5, ResultKey.Kind.RENDITION, "render/x");
        byte[] body = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3};
        byte[] value = codec.encode(k, new EncodedResult(body, 300, 200, true));
        assertEquals(codec.overhead(k) + body.length, value.length);
        assertEquals("TSR1", new String(value, 0, 4, StandardCharsets.US_ASCII));
        EncodedResult back = codec.decode(k, value).orElseThrow();
        assertArrayEquals(body, back.data());
        assertEquals(300, back.width());
        assertEquals(200, back.height());
        assertTrue(back.passThrough());

        assertTrue(codec.decode(new ResultKey("a.tif", 6, k.kind(), k.spec()), value).isEmpty(), "other mtime");
        assertTrue(new ResultCodec("ns2").decode(k, value).isEmpty(), "other namespace");
        assertTrue(codec.decode(k, "not ours".getBytes(StandardCharsets.US_ASCII)).isEmpty());
        assertTrue(codec.decode(k, new byte[0]).isEmpty());
        assertTrue(codec.decode(k, null).isEmpty());
        byte[] truncated = java.util.Arrays.copyOf(value, 20);
        assertTrue(codec.decode(k, truncated).isEmpty());
    }
}
