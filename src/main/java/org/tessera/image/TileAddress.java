package org.tessera.image;

/** A stored tile: native level (0 = full resolution), column and row in that level's grid. */
public record TileAddress(int level, int col, int row) {
}
