package org.tessera.cache;

/**
 * Identifies one encoded result by everything that decides its bytes: the image (identifier and
 * modification time, so a rewritten file is never answered from an older entry) and a canonical
 * description of the work (page, level, region, operations, format and quality). Two requests that
 * plan the same work, through any protocol, share one entry.
 *
 * @param identifier  the image's identifier as requested (relative to FILESYSTEM_PREFIX)
 * @param mtimeMillis the file's modification time
 * @param kind        a whole unprocessed tile or any other rendition; tiers admit them differently
 * @param spec        canonical description of the work, without the identifier
 */
public record ResultKey(String identifier, long mtimeMillis, Kind kind, String spec) {
    public enum Kind { TILE, RENDITION }

    public ResultKey {
        if (identifier == null || spec == null || kind == null) throw new IllegalArgumentException("incomplete key");
    }

    public boolean isTile() { return kind == Kind.TILE; }

    /** Rough heap cost of the key itself, for byte-bounded caches. */
    int weight() { return 96 + 2 * (identifier.length() + spec.length()); }
}
