package org.tessera.protocol.deepzoom;

import java.util.Optional;
import org.tessera.format.OutputFormat;
import org.tessera.image.GridLevel;
import org.tessera.image.PyramidGeometry;
import org.tessera.image.Rect;
import org.tessera.image.TileAddress;
import org.tessera.request.ImageRequest;
import org.tessera.request.Quality;
import org.tessera.request.Rotation;

/** The protocol-neutral request for one tile of a DeepZoom or Zoomify level. */
public final class GridTiles {
    private GridTiles() {
    }

    /** Tile (x,y) of {@code grid}; a tile outside the level is not found (404). */
    public static ImageRequest request(PyramidGeometry geometry, GridLevel grid, String identifier, int x, int y,
                                       OutputFormat format, int encoderQuality) {
        Rect cell = geometry.gridTileRect(grid, x, y);
        Rect region = geometry.toFullResolution(cell, grid.width(), grid.height());
        Optional<TileAddress> stored = geometry.storedTile(grid, x, y);
        return new ImageRequest(identifier, 0, region, cell.width(), cell.height(), Rotation.NONE, Quality.DEFAULT, format,
                encoderQuality, stored);
    }
}
