package org.tessera.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.tessera.error.OverloadedException;
import org.tessera.service.WorkGate.Lane;

class WorkGateTest {
    @Test
    void oneRunsOneWaitsTheThirdIsRefused() throws Exception {
        WorkGate gate = new WorkGate(1, 1);
        CountDownLatch running = new CountDownLatch(1), release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<String> first = pool.submit(() -> gate.run(Lane.TILE, () -> {
                running.countDown();
                assertTrue(release.await(30, TimeUnit.SECONDS));
                return "first";
            }));
            assertTrue(running.await(10, TimeUnit.SECONDS));
            Future<String> second = pool.submit(() -> gate.run(Lane.TILE, () -> "second"));
            for (int i = 0; i < 1000 && gate.waiting(Lane.TILE) == 0; i++) Thread.sleep(10);   // until it queues
            assertEquals(1, gate.waiting(Lane.TILE));
            OverloadedException busy = assertThrows(OverloadedException.class, () -> gate.run(Lane.TILE, () -> "third"));
            assertEquals("server busy", busy.getMessage());
            assertEquals(1, busy.retryAfterSeconds());
            release.countDown();
            assertEquals("first", first.get(30, TimeUnit.SECONDS));
            assertEquals("second", second.get(30, TimeUnit.SECONDS));
            assertEquals(0, gate.waiting(Lane.TILE));
            assertEquals("again", gate.run(Lane.TILE, () -> "again"));
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void exportsGetHalfTheWorkersAndAnEighthOfTheQueue() {
        WorkGate gate = new WorkGate(8, 64);
        assertEquals(8, gate.permits(Lane.TILE));
        assertEquals(64, gate.queueLimit(Lane.TILE));
        assertEquals(4, gate.permits(Lane.EXPORT));
        assertEquals(8, gate.queueLimit(Lane.EXPORT));
        WorkGate small = new WorkGate(1, 0);
        assertEquals(1, small.permits(Lane.EXPORT));
        assertEquals(2, small.queueLimit(Lane.EXPORT));
    }

    @Test
    void exportsFillingTheirLaneNeitherDelayTilesNorQueueWithoutLimit() throws Exception {
        WorkGate gate = new WorkGate(2, 16);              // exports: 1 running, 2 waiting
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<String>> exports = new ArrayList<>();
            exports.add(pool.submit(() -> gate.run(Lane.EXPORT, () -> {
                running.countDown();
                assertTrue(release.await(30, TimeUnit.SECONDS));
                return "export";
            })));
            assertTrue(running.await(10, TimeUnit.SECONDS));
            for (int i = 0; i < 2; i++) {
                exports.add(pool.submit(() -> gate.run(Lane.EXPORT, () -> {
                    assertTrue(release.await(30, TimeUnit.SECONDS));
                    return "export";
                })));
            }
            for (int i = 0; i < 1000 && gate.waiting(Lane.EXPORT) < 2; i++) Thread.sleep(10);
            assertEquals(2, gate.waiting(Lane.EXPORT));
            assertThrows(OverloadedException.class, () -> gate.run(Lane.EXPORT, () -> "excess export"));
            // both tile permits are free: tiles run at once on this thread, never queue behind exports
            assertEquals("tile", gate.run(Lane.TILE, () -> "tile"));
            assertEquals(0, gate.waiting(Lane.TILE));
            release.countDown();
            for (Future<String> f : exports) assertEquals("export", f.get(30, TimeUnit.SECONDS));
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aFailingJobReleasesItsPermit() {
        WorkGate gate = new WorkGate(1, 0);
        assertThrows(IllegalStateException.class, () -> gate.run(Lane.EXPORT, () -> {
            throw new IllegalStateException("boom");
        }));
        assertEquals("ok", gate.run(Lane.EXPORT, () -> "ok"));
    }
}
