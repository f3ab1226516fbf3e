package org.tessera.source;

import java.io.IOException;
import org.tessera.image.ImageInfo;
import org.tessera.image.PixelImage;

/**
 * An opened image file that yields tiles. A source that can hand out its stored tile bitstreams
 * also implements {@link StoredTileSource}. Implementations are thread-safe (positional reads, no
 * shared decoder state) so one instance can serve concurrent requests, and cheap to keep open.
 */
public interface ImageSource extends AutoCloseable {

    ImageInfo info();

    /**
     * Decoded 8-bit pixels of tile (col,row) of native level {@code level} (0 = full resolution),
     * cropped to the level's edge. Sources with more than 8 bits per sample scale to 8 bits here.
     *
     * @param page stack page / horizontal view, 0 for plain images
     */
    PixelImage readTile(int page, int level, int col, int row) throws IOException;

    /**
     * Whether {@link #readTileScaled} decodes level {@code level} at a reduced size for less than
     * the cost of a full decode (JPEG tiles with a DCT-scaling decoder).
     */
    default boolean decodesScaled(int page, int level) { return false; }

    /**
     * Tile (col,row) of level {@code level} decoded at {@code eighths}/8 of its size (1..8), each
     * side of the level cell rounded up ({@code ceil(cell * eighths / 8)}). Only called when
     * {@link #decodesScaled} is true; the default decodes at full size and fails for a reduction.
     */
    default PixelImage readTileScaled(int page, int level, int col, int row, int eighths) throws IOException {
        if (eighths != 8) throw new UnsupportedOperationException("no scaled decoding");
        return readTile(page, level, col, row);
    }

    @Override
    void close() throws IOException;
}
