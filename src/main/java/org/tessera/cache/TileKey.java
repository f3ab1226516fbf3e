package org.tessera.cache;

import org.tessera.format.OutputFormat;

/**
 * Identifies one cached tile. Quality and encoding are part of the key so different encodings
 * never collide; the file's modification time is too, so a rewritten file never serves stale tiles.
 *
 * @param level      native level, 0 = full resolution
 * @param quality    encoder quality as requested (-1 = configured default); for RAW the decoded
 *                   size in eighths of the level's (1..7, DCT-scaled decoding), 0 = full size
 * @param mtimeMillis the source file's modification time
 */
public record TileKey(String identifier, int page, int level, int col, int row, TileEncoding encoding, int quality,
                      long mtimeMillis) {

    public static TileKey decoded(String identifier, int page, int level, int col, int row, long mtimeMillis) {
        return new TileKey(identifier, page, level, col, row, TileEncoding.RAW, 0, mtimeMillis);
    }

    /** A tile decoded at {@code eighths}/8 of its size; 8 is the full-size key. */
    public static TileKey decodedScaled(String identifier, int page, int level, int col, int row, int eighths,
                                        long mtimeMillis) {
        return new TileKey(identifier, page, level, col, row, TileEncoding.RAW, eighths == 8 ? 0 : eighths, mtimeMillis);
    }

    public static TileKey encoded(String identifier, int page, int level, int col, int row, OutputFormat format,
                                  int quality, long mtimeMillis) {
        return new TileKey(identifier, page, level, col, row, TileEncoding.of(format), quality, mtimeMillis);
    }

    /** Rough heap cost of the key itself, for the cache weigher. */
    int weight() { return 64 + 2 * identifier.length(); }
}
