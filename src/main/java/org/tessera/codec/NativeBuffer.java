package org.tessera.codec;

import com.sun.jna.Memory;

/**
 * A reusable native buffer that grows on demand. Kept per pooled codec handle so steady-state
 * encoding and decoding allocate no native memory; a buffer grown past {@link #RETAIN_LIMIT}
 * (larger than a tile's pixels: any export) is freed after use rather than kept for the life of
 * the handle. Pools keep several handles with two buffers each, so a larger limit would hold tens
 * of megabytes outside the heap for work that is rare next to tiles and costs far more than the
 * allocation.
 */
final class NativeBuffer implements AutoCloseable {
    /** A 512x512 RGBA tile's pixels. */
    static final long RETAIN_LIMIT = 1L << 20;

    private Memory memory;

    /** The buffer, at least {@code bytes} long; previous contents are not preserved. */
    Memory ensure(long bytes) {
        if (memory == null || memory.size() < bytes) {
            close();
            // Round up to 64 KiB so slowly growing requests do not reallocate every time.
            memory = new Memory(Math.max(1, (bytes + 0xFFFF) & ~0xFFFFL));
        }
        return memory;
    }

    /** Frees the buffer if it is larger than worth keeping. */
    void trim() {
        if (memory != null && memory.size() > RETAIN_LIMIT) close();
    }

    @Override
    public void close() {
        if (memory != null) {
            memory.close();
            memory = null;
        }
    }
}
