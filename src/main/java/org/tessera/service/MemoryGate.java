package org.tessera.service;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.tessera.error.OverloadedException;

/**
 * Bounds the pixel memory of renders in flight, so the heap the launcher sized (tile cache plus
 * a little room for renders) is never exceeded: the JVM runs with -XX:+ExitOnOutOfMemoryError,
 * and a few large exports at once must queue, not end the process. Renders reserve their
 * estimate in whole MiB. Beyond the room, they borrow from the tile cache: while they run the
 * cache's bound is lowered by what they borrowed (the cache evicts, the collector reclaims), and
 * restored when they finish. So the heap need not hold a full cache and the largest export at
 * once. A render that alone needs more than room and loan together is refused at once.
 */
public final class MemoryGate {
    private static final long MIB = 1L << 20;
    private static final long MAX_WAIT_SECONDS = 30;
    /** Heap kept for everything but renders and the cache: the young generation and requests in flight. */
    static final long RESERVE = 32 * MIB;

    /** What lends memory to renders: the tile cache, whose bound can be lowered for a while. */
    @FunctionalInterface
    public interface Lender {
        /** Lower (or restore) the bound to {@code bytes}. */
        void limitTo(long bytes);
    }

    private final Semaphore permits;
    private final int totalMib;
    private final int roomMib;
    private final long lenderBytes;
    private final Lender lender;
    private int inUseMib; // guarded by this

    /** @param roomBytes memory renders may hold at once without borrowing */
    public MemoryGate(long roomBytes) {
        this(roomBytes, 0, 0, bytes -> { });
    }

    /**
     * @param roomBytes   memory renders may hold at once without borrowing
     * @param loanBytes   how much of the lender's bound they may borrow on top
     * @param lenderBytes the lender's configured bound, restored when nothing is borrowed
     */
    public MemoryGate(long roomBytes, long loanBytes, long lenderBytes, Lender lender) {
        this.roomMib = (int) Math.max(1, Math.min(Integer.MAX_VALUE / 2, roomBytes / MIB));
        this.totalMib = (int) Math.min(Integer.MAX_VALUE, roomMib + Math.max(0, loanBytes) / MIB);
        this.lenderBytes = lenderBytes;
        this.lender = lender;
        this.permits = new Semaphore(totalMib, true);
    }

    /**
     * The gate for this JVM: the room is the maximum heap less the tile cache and the reserve;
     * renders may borrow up to half of the cache on top.
     */
    public static MemoryGate forHeap(long maxHeapBytes, long cacheBytes, Lender cache) {
        long room = Math.max(16 * MIB, maxHeapBytes - cacheBytes - RESERVE);
        return new MemoryGate(room, cacheBytes / 2, cacheBytes, cache);
    }

    public int totalMib() { return totalMib; }

    public int roomMib() { return roomMib; }

    public int availableMib() { return permits.availablePermits(); }

    public <T, E extends Exception> T run(long estimateBytes, WorkGate.Job<T, E> job) throws E {
        int need = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (estimateBytes + MIB - 1) / MIB));
        if (need > totalMib) {
            throw new OverloadedException("image needs about " + need + " MiB to render, this server has room for "
                    + totalMib + " MiB (TESSERA_MEMORY_MB)", 1);
        }
        try {
            if (!permits.tryAcquire(need, MAX_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new OverloadedException("server busy", 1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OverloadedException("server busy", 1);
        }
        lend(need);
        try {
            return job.run();
        } finally {
            lend(-need);
            permits.release(need);
        }
    }

    /** Keeps the lender's bound at its configured size less what renders hold beyond the room. */
    private synchronized void lend(int deltaMib) {
        int before = Math.max(0, inUseMib - roomMib);
        inUseMib += deltaMib;
        int borrowed = Math.max(0, inUseMib - roomMib);
        if (borrowed != before) lender.limitTo(lenderBytes - borrowed * MIB);
    }
}
