package org.tessera.service;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One pool of heap bytes that renders reserve before they allocate and give back when done, so
 * concurrent work can never together ask for more heap than there is. A reservation that does not
 * fit waits a little for others to finish; the caller decides what to do when it still does not.
 */
public final class MemoryBudget {
    /** The smallest budget we run with, whatever the heap: one large tile's work must fit. */
    static final long MIN_BYTES = 32L << 20;

    private final long capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private long used;
    private long highWater;

    public MemoryBudget(long capacity) {
        if (capacity <= 0) throw new IllegalArgumentException("budget must be positive");
        this.capacity = capacity;
    }

    /**
     * The budget a heap of {@code maxHeap} bytes affords: half of what the tile cache leaves. The
     * other half covers what is not reserved: encoded responses waiting to be written, connection
     * buffers, metadata, and the garbage collector's headroom.
     */
    public static MemoryBudget forHeap(long maxHeap, long tileCacheBytes) {
        long free = Math.max(0, maxHeap - Math.max(0, tileCacheBytes));
        return new MemoryBudget(Math.max(MIN_BYTES, free / 2));
    }

    /** From this JVM's maximum heap ({@code -Xmx}, or the JVM's default share of RAM). */
    public static MemoryBudget forThisJvm(long tileCacheBytes) {
        return forHeap(Runtime.getRuntime().maxMemory(), tileCacheBytes);
    }

    public long capacity() { return capacity; }

    /**
     * Takes {@code bytes} while at most {@code ceiling} bytes would be in use, waiting up to
     * {@code wait} for others to give back. Returns null when that did not happen in time.
     */
    public Reservation reserve(long bytes, long ceiling, long wait, TimeUnit unit) throws InterruptedException {
        long limit = Math.min(ceiling, capacity);
        if (bytes > limit) throw new IllegalArgumentException(bytes + " bytes never fit in " + limit);
        long deadline = System.nanoTime() + unit.toNanos(wait);
        lock.lockInterruptibly();
        try {
            while (used + bytes > limit) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return null;
                released.awaitNanos(left);
            }
            used += bytes;
            highWater = Math.max(highWater, used);
            return new Reservation(bytes);
        } finally {
            lock.unlock();
        }
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
