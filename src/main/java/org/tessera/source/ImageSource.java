package org.tessera.source;

import java.io.IOException;
import java.util.Optional;
import org.tessera.image.ImageInfo;
import org.tessera.image.PixelImage;
import org.tessera.image.SampleRaster;
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
     * Whether {@link #readTileReduced} decodes the tiles of this level at {@code eighths}/8 of
     * their size (1..7) for less than a full decode costs: JPEG tiles, scaled inside libjpeg-turbo's
     * inverse DCT. Region reads for a smaller output then never decode, nor hold, full-size pixels.
     */
    default boolean decodesReduced(int page, int level, int eighths) {
        return false;
    }

    /**
     * Tile (col,row) of native level {@code level} decoded at {@code eighths}/8 of its size: at
     * least ceil(w x eighths / 8) x ceil(h x eighths / 8) for a w x h cell of the level. An edge
     * tile stored padded may come back larger, its cell being the top-left part; the caller uses
     * only that. Only asked for when {@link #decodesReduced} says so.
     */
    default PixelImage readTileReduced(int page, int level, int col, int row, int eighths) throws IOException {
        throw new UnsupportedOperationException("no reduced decoding");
    }

    /**
     * The samples of the same tile at full precision, every band (16-bit, float, signed and
     * multispectral data as stored; palette expanded to RGB), for the processing operations.
     * Sources whose data is 8-bit answer with their decoded pixels.
     */
    default SampleRaster readRaster(int page, int level, int col, int row) throws IOException {
        return SampleRaster.of(readTile(page, level, col, row));
    }

    /** Horizontal views (IIP OBJ=Horizontal-views, SDS): page numbers 0..pages-1, or a sequence's angles. */
    default java.util.List<Integer> horizontalViews() {
        return java.util.stream.IntStream.range(0, Math.max(1, info().pages())).boxed().toList();
    }

    /** Vertical views: 90 for a single image or stack (iipsrv), a sequence's vertical angles. */
    default java.util.List<Integer> verticalViews() {
        return java.util.List.of(90);
    }

    /**
     * The page of horizontal view {@code h} and vertical view {@code v} (IIP SDS=h,v): {@code h}
     * itself for stacks and single images, the (h, v) file of a sequence.
     */
    default int page(int h, int v) {
        return h;
    }

    /** True for images made of quality layers (JPEG 2000), which IIP LYR selects among. */
    default boolean hasQualityLayers() {
        return false;
    }

    /** The pages of a stack (as many as {@code info().pages()}), empty for a single image. */
    default java.util.List<org.tessera.image.StackPage> stackPages() {
        return java.util.List.of();
    }

    /**
     * The ICC profile embedded in the image, empty when there is none. By default the bytes that
     * sources keep under the metadata key "icc" (one char per byte, ISO-8859-1).
     */
    default byte[] iccProfile() {
        String icc = info().metadata().get("icc");
        return icc == null ? new byte[0] : icc.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /**
     * The pixels of a rectangle of a native level spanning several tiles, in one decode, for
     * sources whose codec decodes any area directly (JPEG 2000: one OpenJPEG call, with its worker
     * threads for large areas). Empty when the caller should assemble the area from tiles.
     */
    default Optional<PixelImage> readRegion(int page, int level, Rect region) throws IOException {
        return Optional.empty();
    }

    /**
     * True when {@link #readRegion} answers for areas of several tiles, so the reader never
     * assembles them from tiles; its memory is then the whole area's, whatever follows.
     */
    default boolean readsRegions() {
        return false;
    }

    /**
     * {@link #readTile(int, int, int, int)} decoded with {@code layers} quality layers (IIP's LYR;
     * 0 = the configured default). Sources without quality layers ignore it.
     */
    default PixelImage readTile(int page, int level, int col, int row, int layers) throws IOException {
        return readTile(page, level, col, row);
    }

    /** {@link #readRegion(int, int, Rect)} decoded with {@code layers} quality layers (0 = the default). */
    default Optional<PixelImage> readRegion(int page, int level, Rect region, int layers) throws IOException {
        return readRegion(page, level, region);
    }

    @Override
    void close() throws IOException;
}
