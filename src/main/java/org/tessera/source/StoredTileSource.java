package org.tessera.source;

import java.io.IOException;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * A capability an {@link ImageSource} may offer: its tiles' stored bitstreams, so a request for a
 * whole unprocessed tile is answered without decoding (pass-through).
 */
public interface StoredTileSource {

    /**
     * The stored bitstream of tile (col,row) of native level {@code level}, edge tiles included
     * (as coded, possibly padded). Empty when this tile cannot be sent as stored (an encoding no
     * client can read, separate colour planes, a tile the writer left out).
     */
    default Optional<StoredTile> storedTile(int page, int level, int col, int row) throws IOException {
        return storedTile(page, level, col, row, byte[]::new);
    }

    /**
     * As {@link #storedTile(int, int, int, int)}, read into an array from {@code arrays}, which
     * gives one of at least the length asked (a pooled one, for a response no cache keeps).
     */
    Optional<StoredTile> storedTile(int page, int level, int col, int row, IntFunction<byte[]> arrays) throws IOException;
}
