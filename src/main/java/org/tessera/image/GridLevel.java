package org.tessera.image;

import java.util.Optional;

/**
 * One level of a pyramid as a client computes it (DeepZoom, Zoomify), in square tiles of
 * {@code tileSize}; see {@link PyramidGeometry#halved}.
 *
 * @param nativeLevel the stored level it is, empty for a level made by downsampling
 */
public record GridLevel(int width, int height, int tileSize, Optional<Integer> nativeLevel) {

    public int tilesAcross() { return (width + tileSize - 1) / tileSize; }

    public int tilesDown() { return (height + tileSize - 1) / tileSize; }
}
