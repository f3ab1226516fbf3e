package org.tessera.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.tessera.error.OverloadedException;

class MemoryGateTest {
    private static final long MIB = 1L << 20;

    @Test
    void roomIsTheHeapLessCacheAndReserveAndHalfTheCacheCanBeBorrowed() {
        // 400 MiB heap, 200 MiB cache: room 400 - 200 - 32, plus a loan of 100
        MemoryGate gate = MemoryGate.forHeap(400 * MIB, 200 * MIB, bytes -> { });
        assertEquals(168, gate.roomMib());
        assertEquals(268, gate.totalMib());
        assertEquals(16, MemoryGate.forHeap(40 * MIB, 0, bytes -> { }).totalMib(), "never below 16 MiB");
    }

    @Test
    void rendersBeyondTheRoomLowerTheCacheBoundWhileTheyRun() throws Exception {
        java.util.List<Long> bounds = new java.util.concurrent.CopyOnWriteArrayList<>();
        MemoryGate gate = new MemoryGate(50 * MIB, 100 * MIB, 200 * MIB, bounds::add);
        gate.run(40 * MIB, () -> null);
        assertTrue(bounds.isEmpty(), "inside the room nothing is borrowed");
        gate.run(80 * MIB, () -> {
            assertEquals(java.util.List.of(170 * MIB), bounds, "30 MiB borrowed from the cache");
            return null;
        });
        assertEquals(java.util.List.of(170 * MIB, 200 * MIB), bounds, "restored afterwards");
        assertThrows(OverloadedException.class, () -> gate.run(151 * MIB, () -> null));
    }

    @Test
    void aRenderLargerThanTheRoomIsRefusedAtOnce() {
        MemoryGate gate = new MemoryGate(100 * MIB);
        OverloadedException e = assertThrows(OverloadedException.class, () -> gate.run(101 * MIB, () -> "never"));
        assertTrue(e.getMessage().contains("101 MiB"), e.getMessage());
        assertEquals("fits", gate.run(100 * MIB, () -> "fits"));
        assertEquals(100, gate.availableMib(), "permits come back");
    }

    @Test
    void rendersThatDoNotFitTogetherWaitForEachOther() throws Exception {
        MemoryGate gate = new MemoryGate(100 * MIB);
        CountDownLatch firstHolds = new CountDownLatch(1), releaseFirst = new CountDownLatch(1);
        AtomicBoolean secondRan = new AtomicBoolean();
        Thread first = Thread.ofVirtual().start(() -> {
            try {
                gate.run(60 * MIB, () -> {
                    firstHolds.countDown();
                    releaseFirst.await();
                    return null;
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(firstHolds.await(5, TimeUnit.SECONDS));
        Thread second = Thread.ofVirtual().start(() -> gate.run(60 * MIB, () -> {
            secondRan.set(true);
            return null;
        }));
        assertEquals("small", gate.run(30 * MIB, () -> "small"), "what fits beside the first runs at once");
        second.join(300);
        assertFalse(secondRan.get(), "60 + 60 MiB do not fit in 100: the second waits");
        releaseFirst.countDown();
        first.join(5000);
        second.join(5000);
        assertTrue(secondRan.get());
        assertEquals(100, gate.availableMib());
    }
}
