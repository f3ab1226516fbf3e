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
    void roomIsTheHeapLessCacheOverheadAndReserve() {
        // 400 MiB heap, 200 MiB cache: 400 - 200 - 20 - 48
        assertEquals(132, MemoryGate.forHeap(400 * MIB, 200 * MIB).totalMib());
        assertEquals(16, MemoryGate.forHeap(100 * MIB, 200 * MIB).totalMib(), "never below 16 MiB");
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
