package org.tessera.pipeline;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the tile decodes of a region read, on the reading thread and, when cores are idle (fewer
 * reads in progress than cores), on helper threads as well. The helpers are daemon threads of a
 * pool this instance creates on first use; they end after a minute without work, and
 * {@link #close} ends them at once, so an idle or closed instance holds no thread.
 */
final class TileWorkers implements AutoCloseable {
    /** Fewer tiles than this per thread would cost more in hand-over than the decode takes. */
    private static final int TILES_PER_THREAD = 2;
    private static final long IDLE_SECONDS = 60;

    /** One tile's work: decode (or take from the cache) and paste. */
    @FunctionalInterface
    interface Job {
        void run() throws IOException;
    }

    private final int cores;
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger threadNumber = new AtomicInteger();
    private ThreadPoolExecutor helpers;
    private boolean closed;

    /** @param cores how many threads may decode at once across all reads (1 = never in parallel) */
    TileWorkers(int cores) {
        this.cores = Math.max(1, cores);
    }

    /** The most threads that decode for one read at once. */
    int parallelism() { return cores; }

    /** Counts a read as in progress until {@link #leave}: helpers are only used while cores are idle. */
    void enter() { reads.incrementAndGet(); }

    void leave() { reads.decrementAndGet(); }

    /**
     * Runs every job once and returns when all have ended. The first failure stops jobs not yet
     * started and is thrown once those already running have ended (an IOException as itself).
     */
    void runAll(List<Job> jobs) throws IOException {
        start(jobs, false).finish();
    }

    /**
     * Hands {@code jobs} to helper threads now, as many as there are idle cores for, and returns
     * them as a batch the caller finishes. {@code ahead}: the caller is busy with other work
     * meanwhile (it reads the strip above), so a helper is worth starting for a single job.
     */
    Batch start(List<Job> jobs, boolean ahead) {
        int perThread = jobs.size() / TILES_PER_THREAD;
        int wanted = Math.min(cores - Math.max(1, reads.get()), ahead ? Math.max(1, perThread) : perThread);
        Batch batch = new Batch(jobs);
        ThreadPoolExecutor pool = wanted > 0 ? pool() : null;
        for (int i = 0; pool != null && i < wanted; i++) {
            try {
                pool.execute(batch::work);
            } catch (RejectedExecutionException e) {
                break; // closed meanwhile: the caller does the rest
            }
        }
        return batch;
    }

    /** Ends the helper threads; later reads decode on their own thread. */
    @Override
    public synchronized void close() {
        closed = true;
        if (helpers != null) helpers.shutdownNow();
    }

    private synchronized ThreadPoolExecutor pool() {
        if (closed) return null;
        if (helpers == null) {
            int size = Math.max(1, cores - 1);
            helpers = new ThreadPoolExecutor(size, size, IDLE_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "tile-decode-" + threadNumber.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            helpers.allowCoreThreadTimeOut(true);
        }
        return helpers;
    }

    /**
     * Jobs taken in order by whichever thread is free. Every job index is taken by a thread that
     * is running, so waiting for the taken ones to end never waits for a helper still queued
     * behind another read's work (it finds nothing left and returns at once).
     */
    static final class Batch {
        private final List<Job> jobs;
        private final AtomicInteger next = new AtomicInteger();
        private final CountDownLatch ended;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Batch(List<Job> jobs) {
            this.jobs = jobs;
            this.ended = new CountDownLatch(jobs.size());
        }

        /** Runs the jobs no thread has taken yet, on this thread, then waits for the others. */
        void finish() throws IOException {
            work();
            await();
        }

        /** Jobs not started yet will not be; those running end as they will. */
        void cancel() {
            failure.compareAndSet(null, new CancellationException("read ended"));
        }

        private void work() {
            for (int i = next.getAndIncrement(); i < jobs.size(); i = next.getAndIncrement()) {
                try {
                    if (failure.get() == null) jobs.get(i).run();
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    ended.countDown();
                }
            }
        }

        private void await() throws IOException {
            try {
                ended.await();
            } catch (InterruptedException e) {
                failure.compareAndSet(null, e);
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while tiles were being decoded");
            }
            Throwable t = failure.get();
            if (t == null) return;
            if (t instanceof IOException io) throw io;
            if (t instanceof UncheckedIOException u) throw u.getCause();
            if (t instanceof RuntimeException r) throw r;
            if (t instanceof Error err) throw err;
            throw new IOException("tile decoding failed", t);
        }
    }
}
