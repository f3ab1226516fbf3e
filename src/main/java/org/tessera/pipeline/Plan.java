package org.tessera.pipeline;

import java.util.List;
import java.util.Optional;
import org.tessera.image.Level;
import org.tessera.image.Rect;
import org.tessera.format.OutputFormat;
import org.tessera.image.TileAddress;

/**
 * How one request will be served: which native level, which pixels of it, and the operations
 * that turn those pixels into the response. The last operation is always {@link Operation.Encode}.
 *
 * @param page        stack page / horizontal view
 * @param levelIndex  native level, 0 = full resolution
 * @param level       that level's size and tile grid
 * @param region      the pixels to read, in level coordinates, never empty, inside the level
 * @param operations  applied in order to the region's pixels
 */
public record Plan(int page, int levelIndex, Level level, Rect region, List<Operation> operations) {

    public Plan {
        operations = List.copyOf(operations);
        if (operations.isEmpty() || !(operations.get(operations.size() - 1) instanceof Operation.Encode)) {
            throw new IllegalArgumentException("a plan ends with Encode");
        }
        if (region.isEmpty() || region.x() < 0 || region.y() < 0
                || region.right() > level.width() || region.bottom() > level.height()) {
            throw new IllegalArgumentException("region " + region + " outside level " + level);
        }
    }

    public Operation.Encode encode() { return (Operation.Encode) operations.get(operations.size() - 1); }

    public OutputFormat format() { return encode().format(); }

    public Dimension regionSize() { return new Dimension(region.width(), region.height()); }

    /** The size of the encoded result. */
    public Dimension outputSize() {
        Dimension d = regionSize();
        for (Operation op : operations) d = op.outputSize(d);
        return d;
    }

    /** The tile grid cell the region covers exactly (an edge cell as cropped to the level), if any. */
    public Optional<TileAddress> tile() {
        int tw = level.tileWidth(), th = level.tileHeight();
        if (region.x() % tw != 0 || region.y() % th != 0) return Optional.empty();
        int col = region.x() / tw, row = region.y() / th;
        if (!level.tileRect(col, row).equals(region)) return Optional.empty();
        return Optional.of(new TileAddress(levelIndex, col, row));
    }

    /** True when every operation before the encoding leaves the pixels as they are. */
    public boolean changesNothingBeforeEncode() {
        Dimension d = regionSize();
        for (Operation op : operations) {
            if (op instanceof Operation.Encode) break;
            if (!op.isNoOp(d)) return false;
            d = op.outputSize(d);
        }
        return true;
    }

    /** One whole tile, unprocessed: its encoded form can be cached under the tile's key. */
    public boolean isWholeUnprocessedTile() { return tile().isPresent() && changesNothingBeforeEncode(); }

    /**
     * True when a stored tile in the output format is exactly the answer: one whole grid cell, no
     * pixel operation, the default quality (any explicit quality means re-encoding, as iipsrv's
     * QLT does).
     */
    public boolean isStoredTileUnchanged() {
        return encode().usesDefaultQuality() && isWholeUnprocessedTile();
    }
}
