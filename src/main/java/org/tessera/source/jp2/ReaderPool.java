package org.tessera.source.jp2;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.codec.OpenJpeg;
import org.tessera.image.PixelImage;

/**
 * OpenJPEG decoders kept open on single-tile codestreams, so that a file's packets are read and
 * parsed once rather than for every tile (OpenJPEG allows repeated area decodes of a single-tile
 * image on one decoder). Bounded: at most {@code maxIdle} idle decoders in all, least recently
 * used dropped first; each owns its own channel on the file, opened by real path, so a decoder
 * never depends on a request's source staying open. A decoder that fails is destroyed.
 */
final class ReaderPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReaderPool.class);

    /**
     * One version of one file at one layer count and one resolution reduction: OpenJPEG 2.5
     * fails a decode at a higher resolution than an earlier one on the same decoder.
     */
    record Key(Path file, Instant modified, long size, int layers, int reduce) {
    }

    private record Entry(Key key, OpenJpeg.Reader reader, FileChannel channel) {
        void destroy() {
            reader.close();
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("closing a JPEG 2000 reader's channel failed", e);
            }
        }
    }

    private final OpenJpeg openJpeg;
    private final int maxIdle;
    private final Deque<Entry> idle = new ArrayDeque<>(); // most recently used first; guarded by this
    private boolean closed;

    ReaderPool(OpenJpeg openJpeg, int maxIdle) {
        this.openJpeg = openJpeg;
        this.maxIdle = maxIdle;
    }

    PixelImage decode(Key key, OpenJpeg.Container container, OpenJpeg.Window window, int channels) throws IOException {
        if (window.reduce() != key.reduce()) throw new IllegalArgumentException("window " + window + " for " + key);
        Entry e = take(key);
        if (e == null) e = open(key, container);
        boolean ok = false;
        try {
            PixelImage pixels = e.reader().decode(window, channels);
            ok = true;
            return pixels;
        } finally {
            if (ok) give(e);
            else e.destroy();
        }
    }

    private Entry open(Key key, OpenJpeg.Container container) throws IOException {
        FileChannel channel = FileChannel.open(key.file(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        try {
            if (channel.size() != key.size()) throw new IOException("JPEG 2000 file changed while served");
            return new Entry(key, openJpeg.reader(OpenJpeg.Input.of(channel), container, key.layers()), channel);
        } catch (IOException | RuntimeException ex) {
            channel.close();
            throw ex;
        }
    }

    private synchronized Entry take(Key key) {
        for (Iterator<Entry> it = idle.iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.key().equals(key)) {
                it.remove();
                return e;
            }
        }
        return null;
    }

    private void give(Entry e) {
        List<Entry> dropped = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                dropped.add(e);
            } else {
                idle.addFirst(e);
                while (idle.size() > maxIdle) dropped.add(idle.removeLast());
            }
        }
        dropped.forEach(Entry::destroy);
    }

    /** Destroys the idle decoders; the pool stays usable. */
    void clear() {
        List<Entry> all;
        synchronized (this) {
            all = new ArrayList<>(idle);
            idle.clear();
        }
        all.forEach(Entry::destroy);
    }

    int idleCount() {
        synchronized (this) {
            return idle.size();
        }
    }

    @Override
    public void close() {
        List<Entry> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(idle);
            idle.clear();
        }
        all.forEach(Entry::destroy);
    }
}
