package org.tessera.service;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.tessera.error.OverloadedException;

/**
 * Bounds CPU-heavy work: at most {@code workers} jobs run, at most {@code queueLimit} wait (fair,
 * first come first served); anyone beyond is refused at once with 503 so the server degrades
 * instead of piling up requests it cannot finish.
 */
public final class WorkGate {
    /** A waiter that cannot start within this time gets 503 as well (the client has likely given up). */
    private static final long MAX_WAIT_SECONDS = 30;

    private final Semaphore permits;
    private final int queueLimit;
    private final AtomicInteger waiting = new AtomicInteger();

    public WorkGate(int workers, int queueLimit) {
        this.permits = new Semaphore(Math.max(1, workers), true);
        this.queueLimit = Math.max(0, queueLimit);
    }

    @FunctionalInterface
    public interface Job<T, E extends Exception> {
        T run() throws E;
    }

    public <T, E extends Exception> T run(Job<T, E> job) throws E {
        acquire();
        try {
            return job.run();
        } finally {
            permits.release();
        }
    }

    private void acquire() {
        // tryAcquire() without a timeout would barge past queued waiters; the timed form honours fairness
        try {
            if (permits.tryAcquire(0, TimeUnit.SECONDS)) return;
            if (waiting.incrementAndGet() > queueLimit) {
                waiting.decrementAndGet();
                throw busy();
            }
            try {
                if (!permits.tryAcquire(MAX_WAIT_SECONDS, TimeUnit.SECONDS)) throw busy();
            } finally {
                waiting.decrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
    }

    public int waiting() { return waiting.get(); }

    private static OverloadedException busy() { return new OverloadedException("server busy", 1); }
}
