package org.tessera.source;

import java.io.IOException;
import java.util.Optional;
import org.tessera.image.ImageInfo;
import org.tessera.image.PixelImage;
import org.tessera.image.Rect;

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
     * The pixels of a rectangle of a native level spanning several tiles, in one decode, for
     * sources whose codec decodes any area directly (JPEG 2000: one OpenJPEG call, with its worker
     * threads for large areas). Empty when the caller should assemble the area from tiles.
     */
    default Optional<PixelImage> readRegion(int page, int level, Rect region) throws IOException {
        return Optional.empty();
    }

    @Override
    void close() throws IOException;
}
