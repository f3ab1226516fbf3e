package org.tessera.image;

/**
 * One pyramid level: its size and the tile grid it is stored in.
 * Edge tiles are cropped to the level, never padded.
 */
public record Level(int width, int height, int tileWidth, int tileHeight) {
    public Level {
        if (width <= 0 || height <= 0 || tileWidth <= 0 || tileHeight <= 0) {
            throw new IllegalArgumentException("bad level " + width + "x" + height + " tiles " + tileWidth + "x" + tileHeight);
        }
    }

    public int tilesAcross() { return ceilDiv(width, tileWidth); }

    public int tilesDown() { return ceilDiv(height, tileHeight); }

    public int tileCount() { return tilesAcross() * tilesDown(); }

    /** The pixels of tile (col,row) at this level, cropped at the right and bottom edges. */
    public Rect tileRect(int col, int row) {
        if (col < 0 || row < 0 || col >= tilesAcross() || row >= tilesDown()) {
            throw new IndexOutOfBoundsException("tile " + col + "," + row + " outside " + tilesAcross() + "x" + tilesDown());
        }
        int x = col * tileWidth, y = row * tileHeight;
        return new Rect(x, y, Math.min(tileWidth, width - x), Math.min(tileHeight, height - y));
    }

    private static int ceilDiv(int a, int b) { return (a + b - 1) / b; }
}
