package org.tessera.buffer;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Byte arrays lent to one response at a time and taken back once it is written, so a tile that
 * no cache keeps is read into an array the previous such tile was sent from instead of a new
 * one. Arrays come in power-of-two sizes from {@link #MIN_ARRAY} to the pool's largest; a
 * request for more gets a plain array of its own. The pool holds at most {@code maxHeldBytes}
 * while nothing is lent; an array given back beyond that is left to the collector. Thread-safe.
 */
public final class BufferPool {
    static final int MIN_ARRAY = 4096;

    private final int largestArray;
    private final long maxHeldBytes;
    private final ConcurrentLinkedQueue<byte[]>[] free;
    private final AtomicLong held = new AtomicLong();

    /**
     * @param largestArray the largest array pooled (rounded up to a power of two, at least {@link #MIN_ARRAY})
     * @param maxHeldBytes the most the pool keeps while its arrays are not lent
     */
    @SuppressWarnings("unchecked")
    public BufferPool(int largestArray, long maxHeldBytes) {
        this.largestArray = sizeClass(Math.max(MIN_ARRAY, largestArray));
        this.maxHeldBytes = Math.max(0, maxHeldBytes);
        int classes = Integer.numberOfTrailingZeros(this.largestArray) - Integer.numberOfTrailingZeros(MIN_ARRAY) + 1;
        this.free = new ConcurrentLinkedQueue[classes];
        for (int i = 0; i < classes; i++) free[i] = new ConcurrentLinkedQueue<>();
    }

    /** An arena for one response: the arrays it hands out go back to this pool when it is closed. */
    public BufferArena arena() { return new BufferArena(this); }

    /** Bytes the pool holds now (not lent). */
    public long heldBytes() { return held.get(); }

    /** An array of at least {@code length} bytes: a free pooled one, a new pooled-size one, or (too large to pool) an exact one. */
    byte[] take(int length) {
        if (length > largestArray) return new byte[length];
        int size = sizeClass(Math.max(MIN_ARRAY, length));
        byte[] a = free[index(size)].poll();
        if (a == null) return new byte[size];
        held.addAndGet(-a.length);
        return a;
    }

    /** Takes back an array {@link #take} lent; others (exact, too large) are left to the collector. */
    void giveBack(byte[] a) {
        int size = a.length;
        if (size < MIN_ARRAY || size > largestArray || Integer.bitCount(size) != 1) return;
        if (held.addAndGet(size) > maxHeldBytes) {
            held.addAndGet(-size);
            return;
        }
        free[index(size)].offer(a);
    }

    private static int sizeClass(int length) {
        int size = Integer.highestOneBit(length);
        return size == length ? size : size << 1;
    }

    private static int index(int size) {
        return Integer.numberOfTrailingZeros(size) - Integer.numberOfTrailingZeros(MIN_ARRAY);
    }
}
