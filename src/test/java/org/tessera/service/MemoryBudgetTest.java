package org.tessera.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MemoryBudgetTest {
    @Test
    void theBudgetIsHalfOfTheHeapTheTileCacheLeaves() {
        assertEquals((1024L << 20) - (128L << 20) >> 1, MemoryBudget.forHeap(1024L << 20, 128L << 20).capacity());
        assertEquals(MemoryBudget.MIN_BYTES, MemoryBudget.forHeap(40L << 20, 30L << 20).capacity());
        assertEquals(Runtime.getRuntime().maxMemory() / 2, MemoryBudget.forThisJvm(0).capacity());
    }

    @Test
    void reservationsAddUpAndAreGivenBackOnce() throws Exception {
        MemoryBudget b = new MemoryBudget(1000);
        MemoryBudget.Reservation r1 = b.reserve(600, 1000, 0, TimeUnit.MILLISECONDS);
        assertNotNull(r1);
        assertNull(b.reserve(500, 1000, 50, TimeUnit.MILLISECONDS), "600 + 500 exceed 1000");
        MemoryBudget.Reservation r2 = b.reserve(400, 1000, 0, TimeUnit.MILLISECONDS);
        assertNotNull(r2);
        assertEquals(1000, b.used());
        r1.close();
        r1.close();
        assertEquals(400, b.used());
        r2.close();
        assertEquals(0, b.used());
        assertEquals(1000, b.highWater());
    }

    @Test
    void aCeilingBelowTheCapacityLimitsThatCaller() throws Exception {
        MemoryBudget b = new MemoryBudget(1000);
        try (MemoryBudget.Reservation r = b.reserve(700, 750, 0, TimeUnit.MILLISECONDS)) {
            assertNotNull(r);
            assertNull(b.reserve(100, 750, 0, TimeUnit.MILLISECONDS), "700 + 100 exceed the ceiling of 750");
            assertNotNull(b.reserve(100, 1000, 0, TimeUnit.MILLISECONDS), "but fit under the capacity");
        }
    }

    @Test
    void aWaiterGetsTheBytesWhenAnotherGivesThemBack() throws Exception {
        MemoryBudget b = new MemoryBudget(1000);
        MemoryBudget.Reservation big = b.reserve(900, 1000, 0, TimeUnit.MILLISECONDS);
        CompletableFuture<MemoryBudget.Reservation> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                return b.reserve(500, 1000, 30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        assertTrue(!waiter.isDone(), "still waiting while 900 are held");
        big.close();
        MemoryBudget.Reservation got = waiter.get(30, TimeUnit.SECONDS);
        assertEquals(500, got.bytes());
        assertEquals(500, b.used());
    }

    @Test
    void moreThanTheCeilingIsRefusedAtOnce() {
        MemoryBudget b = new MemoryBudget(1000);
        assertThrows(IllegalArgumentException.class, () -> b.reserve(1001, 2000, 0, TimeUnit.MILLISECONDS));
        assertThrows(IllegalArgumentException.class, () -> b.reserve(800, 750, 0, TimeUnit.MILLISECONDS));
    }
}
