package org.tessera.service;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One pool of heap bytes that renders reserve before they allocate and give back when done, so
 * concurrent work can never together ask for more heap than there is. A reservation that does not
 * fit waits a little for others to finish; the caller decides what to do when it still does not.
 *
 * <p>The pool is the budget's own bytes plus what a {@link Lender} (the in-RAM caches) can lend:
 * while reservations exceed the own bytes, the lender holds the excess back (the caches evict
 * down to their bound less it), and takes it back as reservations end. So the heap need only be
 * the cache plus a little, not the cache plus the largest export.
 */
public final class MemoryBudget {
    /**
     * The smallest budget we run with, whatever the heap: a tile's work fits without borrowing.
     * Larger than half of what the launcher's heap leaves next to a large cache (32 MB, most of
     * it the young generation) would promise renders heap the cache already holds.
     */
    static final long MIN_BYTES = 16L << 20;

    /** Heap that can be borrowed for a while. */
    public interface Lender {
        Lender NONE = new Lender() {
            @Override
            public long lendable() { return 0; }

            @Override
            public void lend(long bytes) {
            }
        };

        /** The most this lender can lend at once. */
        long lendable();

        /** Lends {@code bytes} in all, replacing the previous amount (0: everything is back). */
        void lend(long bytes);

        /**
         * Called (outside the budget's lock) when a reservation has just borrowed a lot more: makes
         * what the lender dropped free memory now, before the render allocates.
         */
        default void reclaim() {
        }
    }

    /** A borrowing this much larger than the last one reclaims at once (one full collection). */
    static final long RECLAIM_STEP = 64L << 20;

    private final long own;
    private final Lender lender;
    private final long capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private long used;
    private long highWater;
    private long lent;

    public MemoryBudget(long capacity) {
        this(capacity, Lender.NONE);
    }

    /** @param own bytes that are the budget's alone; the lender's lendable bytes come on top */
    public MemoryBudget(long own, Lender lender) {
        if (own <= 0) throw new IllegalArgumentException("budget must be positive");
        this.own = own;
        this.lender = lender;
        this.capacity = own + Math.max(0, lender.lendable());
    }

    /**
     * The budget a heap of {@code maxHeap} bytes affords: half of what the tile cache leaves. The
     * other half covers what is not reserved: encoded responses waiting to be written, connection
     * buffers, metadata, and the garbage collector's headroom.
     */
    public static MemoryBudget forHeap(long maxHeap, long tileCacheBytes) {
        return forHeap(maxHeap, tileCacheBytes, Lender.NONE);
    }

    /** {@link #forHeap(long, long)} plus what {@code caches} can lend. */
    public static MemoryBudget forHeap(long maxHeap, long tileCacheBytes, Lender caches) {
        long free = Math.max(0, maxHeap - Math.max(0, tileCacheBytes));
        return new MemoryBudget(Math.max(MIN_BYTES, free / 2), caches);
    }

    /** From this JVM's maximum heap ({@code -Xmx}, or the JVM's default share of RAM). */
    public static MemoryBudget forThisJvm(long tileCacheBytes, Lender caches) {
        return forHeap(Runtime.getRuntime().maxMemory(), tileCacheBytes, caches);
    }

    public long capacity() { return capacity; }

    /** The bytes that are the budget's alone (the rest is borrowed when needed). */
    public long own() { return own; }

    /**
     * Takes {@code bytes} while at most {@code ceiling} bytes would be in use, waiting up to
     * {@code wait} for others to give back. Returns null when that did not happen in time.
     */
    public Reservation reserve(long bytes, long ceiling, long wait, TimeUnit unit) throws InterruptedException {
        long limit = Math.min(ceiling, capacity);
        if (bytes > limit) throw new IllegalArgumentException(bytes + " bytes never fit in " + limit);
        long deadline = System.nanoTime() + unit.toNanos(wait);
        boolean reclaim;
        Reservation reservation;
        lock.lockInterruptibly();
        try {
            while (used + bytes > limit) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return null;
                released.awaitNanos(left);
            }
            used += bytes;
            highWater = Math.max(highWater, used);
            long before = lent;
            lendExcess();
            reclaim = lent - before >= RECLAIM_STEP;
            reservation = new Reservation(bytes);
        } finally {
            lock.unlock();
        }
        // What the caches dropped is garbage the collector would only find once the heap is full:
        // the heap would hold it and the render's memory together. Collecting now lets the heap
        // shrink by it first, so borrowing never raises the process's size.
        if (reclaim) lender.reclaim();
        return reservation;
    }

    private void lendExcess() {
        lent = Math.max(0, used - own);
        lender.lend(lent);
    }

    public long used() {
        lock.lock();
        try {
            return used;
        } finally {
            lock.unlock();
        }
    }

    /** The most bytes ever reserved at once, for the periodic log line and the load tests. */
    public long highWater() {
        lock.lock();
        try {
            return highWater;
        } finally {
            lock.unlock();
        }
    }

    private void give(long bytes) {
        lock.lock();
        try {
            used -= bytes;
            lendExcess();
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Bytes held until closed; closing twice gives them back once. */
    public final class Reservation implements AutoCloseable {
        private long bytes;

        private Reservation(long bytes) {
            this.bytes = bytes;
        }

        public long bytes() { return bytes; }

        @Override
        public void close() {
            long b;
            synchronized (this) {
                b = bytes;
                bytes = 0;
            }
            if (b > 0) give(b);
        }
    }
}
