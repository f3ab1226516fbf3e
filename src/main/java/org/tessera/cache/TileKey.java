package org.tessera.cache;

/**
 * Identifies one decoded tile of a stored image. The file's modification time is part of the key,
 * so a rewritten file never serves stale pixels.
 *
 * @param level       native level, 0 = full resolution
 * @param mtimeMillis the source file's modification time
 * @param layers      quality layers it was decoded with (JPEG 2000), 0 = the configured default
 * @param eighths     the size it was decoded at, in eighths of the stored size (8 = full size)
 */
public record TileKey(String identifier, int page, int level, int col, int row, long mtimeMillis, int layers, int eighths) {

    public TileKey {
        if (eighths < 1 || eighths > 8) throw new IllegalArgumentException("decoded at " + eighths + "/8");
    }

    /** A full-size tile decoded with {@code layers} quality layers. */
    public TileKey(String identifier, int page, int level, int col, int row, long mtimeMillis, int layers) {
        this(identifier, page, level, col, row, mtimeMillis, layers, 8);
    }

    /** A full-size tile decoded with the configured quality layers. */
    public TileKey(String identifier, int page, int level, int col, int row, long mtimeMillis) {
        this(identifier, page, level, col, row, mtimeMillis, 0, 8);
    }

    /** Rough heap cost of the key itself, for the cache weigher. */
    int weight() { return 64 + 2 * identifier.length(); }
}
