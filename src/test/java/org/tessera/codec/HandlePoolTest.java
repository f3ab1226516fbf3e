package org.tessera.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HandlePoolTest {
    private final AtomicInteger created = new AtomicInteger();
    private final AtomicInteger destroyed = new AtomicInteger();

    private final class Fake implements HandlePool.Resource {
        final int id = created.incrementAndGet();
        int trims;

        @Override
        public void trim() { trims++; }

        @Override
        public void destroy() { destroyed.incrementAndGet(); }
    }

    @Test
    void reusesReturnedHandles() {
        HandlePool<Fake> pool = new HandlePool<>(Fake::new, 2);
        Fake first = pool.acquire();
        pool.release(first);
        assertEquals(1, first.trims);
        assertSame(first, pool.acquire());
        assertEquals(1, created.get());
    }

    @Test
    void keepsAtMostMaxIdleAndDestroysTheRest() {
        HandlePool<Fake> pool = new HandlePool<>(Fake::new, 2);
        List<Fake> borrowed = new ArrayList<>();
        for (int i = 0; i < 5; i++) borrowed.add(pool.acquire());
        assertEquals(5, created.get());
        borrowed.forEach(pool::release);
        assertEquals(2, pool.idleCount());
        assertEquals(3, destroyed.get());
    }

    @Test
    void closeDestroysIdleAndLaterReturnedHandles() {
        HandlePool<Fake> pool = new HandlePool<>(Fake::new, 4);
        Fake idle = pool.acquire(), busy = pool.acquire();
        pool.release(idle);
        pool.close();
        assertEquals(1, destroyed.get());
        pool.release(busy);
        assertEquals(2, destroyed.get());
        assertThrows(IllegalStateException.class, pool::acquire);
        assertEquals(2, created.get());
    }
}
