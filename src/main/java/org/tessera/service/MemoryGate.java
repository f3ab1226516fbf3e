package org.tessera.service;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.tessera.error.OverloadedException;

/**
 * Bounds the pixel memory of renders in flight, so the heap the launcher sized (tile cache plus
 * room for renders) is never exceeded: the JVM runs with -XX:+ExitOnOutOfMemoryError, and a few
 * large exports at once must queue, not end the process. Renders reserve their estimate in whole
 * MiB; one that alone needs more than the whole room is refused at once.
 */
public final class MemoryGate {
    private static final long MIB = 1L << 20;
    private static final long MAX_WAIT_SECONDS = 30;

    private final Semaphore permits;
    private final int totalMib;

    /** @param roomBytes memory renders may hold at once */
    public MemoryGate(long roomBytes) {
        this.totalMib = (int) Math.max(1, Math.min(Integer.MAX_VALUE, roomBytes / MIB));
        this.permits = new Semaphore(totalMib, true);
    }

    /**
     * The room on this JVM: the maximum heap less the tile cache (with its entries' overhead) and
     * a reserve for everything else in flight (tiles, requests, the young generation).
     */
    public static MemoryGate forHeap(long maxHeapBytes, long cacheBytes) {
        long reserve = 48 * MIB;
        return new MemoryGate(Math.max(16 * MIB, maxHeapBytes - cacheBytes - cacheBytes / 10 - reserve));
    }

    public int totalMib() { return totalMib; }

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
        try {
            return job.run();
        } finally {
            permits.release(need);
        }
    }
}
