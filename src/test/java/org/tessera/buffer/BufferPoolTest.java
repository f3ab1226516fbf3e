package org.tessera.buffer;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BufferPoolTest {
    @Test
    void arraysComeInPowerOfTwoSizesAndAnExactOneAboveTheLargest() {
        BufferPool pool = new BufferPool(64 * 1024, 1 << 20);
        BufferArena a = pool.arena();
        assertEquals(4096, a.apply(1).length);
        assertEquals(4096, a.apply(4096).length);
        assertEquals(8192, a.apply(4097).length);
        assertEquals(65536, a.apply(40_000).length);
        assertEquals(65537, a.apply(65537).length, "larger than the largest pooled: exact, never pooled");
    }

    @Test
    void anArrayGivenBackIsLentAgainAndNotBefore() {
        BufferPool pool = new BufferPool(1 << 20, 1 << 20);
        BufferArena first = pool.arena();
        byte[] a = first.apply(30_000);
        byte[] whileLent = pool.arena().apply(30_000);
        assertNotSame(a, whileLent, "an array lent is not lent twice");
        first.close();
        assertEquals(32768, pool.heldBytes());
        assertSame(a, pool.arena().apply(20_000), "same size class: the array given back");
        assertEquals(0, pool.heldBytes());
    }

    @Test
    void closingTwiceGivesBackOnce() {
        BufferPool pool = new BufferPool(1 << 20, 1 << 20);
        BufferArena arena = pool.arena();
        byte[] a = arena.apply(5000);
        arena.close();
        arena.run();
        BufferArena x = pool.arena(), y = pool.arena();
        byte[] fromX = x.apply(5000), fromY = y.apply(5000);
        assertSame(a, fromX);
        assertNotSame(fromX, fromY, "a second close would have put the array in the pool twice");
        assertThrows(IllegalStateException.class, () -> arena.apply(10), "a closed arena lends nothing");
    }

    @Test
    void thePoolHoldsNoMoreThanItsBound() {
        BufferPool pool = new BufferPool(1 << 20, 100_000);
        List<BufferArena> arenas = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            BufferArena a = pool.arena();
            a.apply(60_000); // 64 KB each
            arenas.add(a);
        }
        arenas.forEach(BufferArena::close);
        assertEquals(65536, pool.heldBytes(), "one 64 KB array fits under 100,000 bytes, the rest are dropped");
        BufferArena big = pool.arena();
        big.apply(2 << 20);
        big.close();
        assertEquals(65536, pool.heldBytes(), "an exact array above the largest is never pooled");
    }

    @Test
    void concurrentArenasNeverShareAnArray() throws Exception {
        BufferPool pool = new BufferPool(1 << 16, 1 << 20);
        Set<byte[]> inUse = Collections.newSetFromMap(Collections.synchronizedMap(new IdentityHashMap<>()));
        AtomicInteger clashes = new AtomicInteger();
        Set<Integer> sizes = ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int seed = t;
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 20_000; i++) {
                    BufferArena arena = pool.arena();
                    byte[] a = arena.apply(1000 + (i * 7919 + seed * 104729) % 60_000);
                    sizes.add(a.length);
                    if (!inUse.add(a)) clashes.incrementAndGet();
                    inUse.remove(a);
                    arena.close();
                }
            }));
        }
        for (Thread t : threads) t.join();
        assertEquals(0, clashes.get());
        assertTrue(sizes.size() >= 4, "several size classes exercised: " + sizes);
    }
}
