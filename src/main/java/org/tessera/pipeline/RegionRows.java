package org.tessera.pipeline;

/**
 * A region ready to be resampled: its pixels as rows (decoded as they are read, or a view of one
 * tile), and where exactly the region lies in them. Closing it ends the read, which until then
 * counts as one of the reads in progress that keep helper threads from idle cores.
 */
public final class RegionRows implements AutoCloseable {
    private final Rows rows;
    private final SourceWindow window;
    private final Runnable end;
    private boolean closed;

    RegionRows(Rows rows, SourceWindow window, Runnable end) {
        this.rows = rows;
        this.window = window;
        this.end = end;
    }

    public Rows rows() { return rows; }

    public SourceWindow window() { return window; }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            end.run();
        }
    }
}
