package org.tessera.service;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.tessera.error.OverloadedException;

/**
 * Bounds CPU-heavy work in two lanes, so that large exports can never starve tiles. Each lane has
 * its own permits and its own short queue (fair, first come first served); a request beyond a
 * lane's queue is refused at once with {@link OverloadedException}, so the server degrades instead
 * of piling up work it cannot finish.
 * <ul>
 *   <li>{@link Lane#TILE}: what an interactive viewer asks for (tiles, thumbnails): {@code workers}
 *       permits, {@code queueLimit} waiting.</li>
 *   <li>{@link Lane#EXPORT}: everything larger: half the workers (at least one) and an eighth of
 *       the queue (at least two), so exports keep at most half the cores busy and tiles always find
 *       a worker of their own.</li>
 * </ul>
 */
public final class WorkGate {
    public enum Lane { TILE, EXPORT }

    /** A tile waiter that cannot start within this time gets 503 (the client has likely given up). */
    static final long TILE_MAX_WAIT_MS = 30_000;
    /** Exports wait less: a queue of long jobs that will not start soon only delays the answer. */
    static final long EXPORT_MAX_WAIT_MS = 10_000;

    private final LaneGate tiles;
    private final LaneGate exports;

    public WorkGate(int workers, int queueLimit) {
        int w = Math.max(1, workers), q = Math.max(0, queueLimit);
        this.tiles = new LaneGate(w, q, TILE_MAX_WAIT_MS);
        this.exports = new LaneGate(Math.max(1, w / 2), Math.max(2, q / 8), EXPORT_MAX_WAIT_MS);
    }

    @FunctionalInterface
    public interface Job<T, E extends Exception> {
        T run() throws E;
    }

    public <T, E extends Exception> T run(Lane lane, Job<T, E> job) throws E {
        LaneGate g = gate(lane);
        g.acquire();
        try {
            return job.run();
        } finally {
            g.permits.release();
        }
    }

    /** Requests of this lane waiting for a permit now. */
    public int waiting(Lane lane) { return gate(lane).waiting.get(); }

    public int permits(Lane lane) { return gate(lane).size; }

    public int queueLimit(Lane lane) { return gate(lane).queueLimit; }

    private LaneGate gate(Lane lane) { return lane == Lane.TILE ? tiles : exports; }

    private static final class LaneGate {
        final int size;
        final Semaphore permits;
        final int queueLimit;
        final long maxWaitMs;
        final AtomicInteger waiting = new AtomicInteger();

        LaneGate(int size, int queueLimit, long maxWaitMs) {
            this.size = size;
            this.permits = new Semaphore(size, true);
            this.queueLimit = queueLimit;
            this.maxWaitMs = maxWaitMs;
        }

        void acquire() {
            // tryAcquire() without a timeout would barge past queued waiters; the timed form honours fairness
            try {
                if (permits.tryAcquire(0, TimeUnit.SECONDS)) return;
                if (waiting.incrementAndGet() > queueLimit) {
                    waiting.decrementAndGet();
                    throw busy();
                }
                try {
                    if (!permits.tryAcquire(maxWaitMs, TimeUnit.MILLISECONDS)) throw busy();
                } finally {
                    waiting.decrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw busy();
            }
        }
    }

    private static OverloadedException busy() { return new OverloadedException("server busy", 1); }
}
