package org.tessera.codec;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A bounded pool of reusable native codec handles. Requests run on virtual threads, so a
 * ThreadLocal would create (and leak) one handle per request; instead a handle is borrowed for
 * one call and given back. Handles are created on demand; more than {@code maxIdle} idle ones
 * are destroyed on return, and all idle ones are destroyed on {@link #close()}.
 */
final class HandlePool<T extends HandlePool.Resource> implements AutoCloseable {
    /** A pooled native resource. */
    interface Resource {
        /** Called when the resource goes back to the pool: drop oversized scratch memory. */
        void trim();

        void destroy();
    }

    private final Supplier<T> factory;
    private final int maxIdle;
    private final ConcurrentLinkedQueue<T> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private volatile boolean closed;

    HandlePool(Supplier<T> factory, int maxIdle) {
        this.factory = factory;
        this.maxIdle = maxIdle;
    }

    T acquire() {
        if (closed) throw new IllegalStateException("codec closed");
        T resource = idle.poll();
        if (resource != null) {
            idleCount.decrementAndGet();
            return resource;
        }
        return factory.get();
    }

    void release(T resource) {
        if (closed || idleCount.incrementAndGet() > maxIdle) {
            if (!closed) idleCount.decrementAndGet();
            resource.destroy();
            return;
        }
        resource.trim();
        idle.offer(resource);
        // close() may have drained the queue between our check and the offer.
        if (closed) drain();
    }

    int idleCount() { return idleCount.get(); }

    @Override
    public void close() {
        closed = true;
        drain();
    }

    private void drain() {
        T resource;
        while ((resource = idle.poll()) != null) {
            resource.destroy();
        }
    }
}
