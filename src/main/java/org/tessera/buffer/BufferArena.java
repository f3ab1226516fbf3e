package org.tessera.buffer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;

/**
 * The pooled arrays of one response: a reader fills the arrays {@link #apply} gives it, the
 * response is sent from them, and {@link #close} gives them back once it is written (or
 * dropped). Closing twice gives nothing back twice, so no array can be lent to two responses.
 * An arena never closed costs only the reuse: its arrays are collected as any others.
 */
public final class BufferArena implements IntFunction<byte[]>, Runnable {
    private final BufferPool pool;
    private final List<byte[]> lent = new ArrayList<>(1);
    private final AtomicBoolean open = new AtomicBoolean(true);

    BufferArena(BufferPool pool) {
        this.pool = pool;
    }

    /** An array of at least {@code length} bytes, lent until {@link #close}. */
    @Override
    public synchronized byte[] apply(int length) {
        if (!open.get()) throw new IllegalStateException("arena already closed");
        byte[] a = pool.take(length);
        lent.add(a);
        return a;
    }

    /** Gives every array back to the pool; only the first call does anything. */
    public void close() {
        if (!open.compareAndSet(true, false)) return;
        synchronized (this) {
            for (byte[] a : lent) pool.giveBack(a);
            lent.clear();
        }
    }

    /** {@link #close}, as the action run once a response has been sent. */
    @Override
    public void run() { close(); }
}
