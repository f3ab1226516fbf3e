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
        assertEquals(Runtime.getRuntime().maxMemory() / 2, MemoryBudget.forThisJvm(0, MemoryBudget.Lender.NONE).capacity());
    }

    @Test
    void reservationsBeyondTheOwnBytesBorrowFromTheLenderAndGiveItBack() throws Exception {
        java.util.List<Long> lent = new java.util.ArrayList<>();
        MemoryBudget.Lender lender = new MemoryBudget.Lender() {
            @Override
            public long lendable() { return 3000; }

            @Override
            public void lend(long bytes) { lent.add(bytes); }
        };
        MemoryBudget b = new MemoryBudget(1000, lender);
        assertEquals(4000, b.capacity());
        assertEquals(1000, b.own());
        MemoryBudget.Reservation small = b.reserve(800, 4000, 0, TimeUnit.MILLISECONDS);
        MemoryBudget.Reservation large = b.reserve(2500, 4000, 0, TimeUnit.MILLISECONDS);
        assertNull(b.reserve(1000, 4000, 10, TimeUnit.MILLISECONDS), "800 + 2500 + 1000 exceed 4000");
        large.close();
        small.close();
        // nothing lent while within the own bytes, then the excess over them, then everything back
        assertEquals(java.util.List.of(0L, 2300L, 0L, 0L), lent);
    }

    @Test
    void aLargeBorrowingReclaimsOnceAtItsStart() throws Exception {
        java.util.concurrent.atomic.AtomicInteger reclaims = new java.util.concurrent.atomic.AtomicInteger();
        MemoryBudget.Lender lender = new MemoryBudget.Lender() {
            @Override
            public long lendable() { return 1L << 30; }

            @Override
            public void lend(long bytes) {
            }

            @Override
            public void reclaim() { reclaims.incrementAndGet(); }
        };
        MemoryBudget b = new MemoryBudget(32L << 20, lender);
        MemoryBudget.Reservation small = b.reserve(60L << 20, b.capacity(), 0, TimeUnit.MILLISECONDS);
        assertEquals(0, reclaims.get(), "28 MB borrowed: not worth a collection");
        MemoryBudget.Reservation large = b.reserve(100L << 20, b.capacity(), 0, TimeUnit.MILLISECONDS);
        assertEquals(1, reclaims.get(), "100 MB more borrowed");
        large.close();
        small.close();
        assertEquals(1, reclaims.get(), "giving back never collects");
    }

    @Test
    void theCachesLendTheirShareAndEvictDownToWhatTheyKeep() throws Exception {
        org.tessera.cache.RamResultCache results = new org.tessera.cache.RamResultCache(800_000);
        org.tessera.cache.DecodedTileCache decoded = new org.tessera.cache.DecodedTileCache(200_000);
        for (int i = 0; i < 70; i++) {
            results.put(new org.tessera.cache.ResultKey("a", 1, org.tessera.cache.ResultKey.Kind.TILE, "t" + i),
                    new org.tessera.cache.EncodedResult(new byte[10_000], 256, 256, false));
        }
        MemoryBudget b = new MemoryBudget(100_000, new CacheLender(results, decoded));
        assertEquals(100_000 + 600_000 + 150_000, b.capacity(), "three quarters of each cache's bound");
        long before = weight(results);
        assertTrue(before > 600_000, "filled: " + before);
        MemoryBudget.Reservation r = b.reserve(600_000, b.capacity(), 0, TimeUnit.MILLISECONDS);
        // 500,000 borrowed: the decoded tiles give what they hold above their floor (150,000),
        // the encoded results the rest: their bound is now 450,000
        assertTrue(weight(results) <= 450_000, "evicted to " + weight(results));
        r.close();
        for (int i = 0; i < 70; i++) {
            results.put(new org.tessera.cache.ResultKey("a", 1, org.tessera.cache.ResultKey.Kind.TILE, "again" + i),
                    new org.tessera.cache.EncodedResult(new byte[10_000], 256, 256, false));
        }
        assertTrue(weight(results) > 600_000, "the bound is back to 800,000: " + weight(results));
    }

    private static long weight(org.tessera.cache.RamResultCache c) {
        return c.stats().get(0).bytes();
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
