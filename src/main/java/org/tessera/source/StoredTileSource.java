package org.tessera.source;

import java.io.IOException;
import java.util.Optional;

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
    Optional<StoredTile> storedTile(int page, int level, int col, int row) throws IOException;
}
