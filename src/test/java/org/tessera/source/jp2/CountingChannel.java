package org.tessera.source.jp2;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicLong;

/** A read-only FileChannel that counts the bytes read through it, to see what a decode touches. */
final class CountingChannel extends FileChannel {
    private final FileChannel inner;
    final AtomicLong bytesRead = new AtomicLong();

    CountingChannel(FileChannel inner) {
        this.inner = inner;
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        int n = inner.read(dst, position);
        if (n > 0) bytesRead.addAndGet(n);
        return n;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int n = inner.read(dst);
        if (n > 0) bytesRead.addAndGet(n);
        return n;
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        long n = inner.read(dsts, offset, length);
        if (n > 0) bytesRead.addAndGet(n);
        return n;
    }

    @Override
    public long size() throws IOException { return inner.size(); }

    @Override
    public long position() throws IOException { return inner.position(); }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        inner.position(newPosition);
        return this;
    }

    @Override
    public int write(ByteBuffer src) { throw new UnsupportedOperationException(); }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) { throw new UnsupportedOperationException(); }

    @Override
    public int write(ByteBuffer src, long position) { throw new UnsupportedOperationException(); }

    @Override
    public FileChannel truncate(long size) { throw new UnsupportedOperationException(); }

    @Override
    public void force(boolean metaData) {
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) { throw new UnsupportedOperationException(); }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) { throw new UnsupportedOperationException(); }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) { throw new UnsupportedOperationException(); }

    @Override
    public FileLock lock(long position, long size, boolean shared) { throw new UnsupportedOperationException(); }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) { throw new UnsupportedOperationException(); }

    @Override
    protected void implCloseChannel() throws IOException {
        inner.close();
    }
}
