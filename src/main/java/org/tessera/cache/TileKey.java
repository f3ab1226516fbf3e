package org.tessera.cache;

/**
 * Identifies one decoded tile of a stored image. The file's modification time is part of the key,
 * so a rewritten file never serves stale pixels.
 *
 * @param level       native level, 0 = full resolution
 * @param mtimeMillis the source file's modification time
 */
public record TileKey(String identifier, int page, int level, int col, int row, long mtimeMillis) {

    /** Rough heap cost of the key itself, for the cache weigher. */
    int weight() { return 64 + 2 * identifier.length(); }
}
