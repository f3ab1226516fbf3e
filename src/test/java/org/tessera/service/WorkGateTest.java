package org.tessera.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.tessera.error.ImageException;
import org.tessera.protocol.Failures;

class WorkGateTest {
    @Test
    void oneRunsOneWaitsTheThirdIsRefused() throws Exception {
        WorkGate gate = new WorkGate(1, 1);
        CountDownLatch running = new CountDownLatch(1), release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<String> first = pool.submit(() -> gate.run(() -> {
                running.countDown();
                assertTrue(release.await(30, TimeUnit.SECONDS));
                return "first";
            }));
            assertTrue(running.await(10, TimeUnit.SECONDS));
            Future<String> second = pool.submit(() -> gate.run(() -> "second"));
            for (int i = 0; i < 1000 && gate.waiting() == 0; i++) Thread.sleep(10);   // until it queues
            assertEquals(1, gate.waiting());
            ImageException busy = assertThrows(ImageException.class, () -> gate.run(() -> "third"));
            assertEquals(503, Failures.status(busy));
            release.countDown();
            assertEquals("first", first.get(30, TimeUnit.SECONDS));
            assertEquals("second", second.get(30, TimeUnit.SECONDS));
            assertEquals(0, gate.waiting());
            assertEquals("again", gate.run(() -> "again"));
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aFailingJobReleasesItsPermit() {
        WorkGate gate = new WorkGate(1, 0);
        assertThrows(IllegalStateException.class, () -> gate.run(() -> {
            throw new IllegalStateException("boom");
        }));
        assertEquals("ok", gate.run(() -> "ok"));
    }
}
