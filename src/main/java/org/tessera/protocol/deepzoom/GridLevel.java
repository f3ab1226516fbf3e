package org.tessera.protocol.deepzoom;

import java.util.Optional;
import org.tessera.http.HttpError;
import org.tessera.image.ImageInfo;
import org.tessera.image.Level;
import org.tessera.image.Rect;
import org.tessera.protocol.iiif.PyramidScales;
import org.tessera.request.ImageRequest;
import org.tessera.format.OutputFormat;
import org.tessera.request.Quality;
import org.tessera.request.Rotation;
import org.tessera.request.TileAddress;

/**
 * One level of a client-side pyramid (DeepZoom, Zoomify) with square tiles of {@code tileSize}:
 * either a stored level (its real size, so stored tiles can pass through) or, below the smallest
 * stored level, a level made by downsampling the whole image.
 *
 * @param nativeLevel the stored level it is, empty for a synthesised level
 */
public record GridLevel(int width, int height, int tileSize, Optional<Integer> nativeLevel) {

    /** The level 2^{@code halvings} times smaller than full size: stored if the pyramid has it, else synthesised (ceil or floor). */
    public static GridLevel at(ImageInfo info, int halvings, int tileSize, boolean ceil) {
        if (halvings < 30) {
            Optional<Integer> stored = PyramidScales.levelWithFactor(info, 1 << halvings);
            if (stored.isPresent()) {
                Level l = info.levels().get(stored.get());
                return new GridLevel(l.width(), l.height(), tileSize, stored);
            }
        }
        return new GridLevel(shrink(info.width(), halvings, ceil), shrink(info.height(), halvings, ceil), tileSize, Optional.empty());
    }

    static int shrink(int size, int halvings, boolean ceil) {
        if (halvings >= 31) return 1;
        long d = 1L << halvings;
        long v = ceil ? (size + d - 1) / d : size / d;
        return (int) Math.max(1, v);
    }

    public int tilesAcross() { return (width + tileSize - 1) / tileSize; }

    public int tilesDown() { return (height + tileSize - 1) / tileSize; }

    /**
     * The protocol-neutral request for tile (x,y) of this level.
     *
     * @throws HttpError 404 when the tile is outside the level's grid
     */
    public ImageRequest tileRequest(ImageInfo info, String identifier, int x, int y, OutputFormat format, int encoderQuality) {
        if (x < 0 || y < 0 || x >= tilesAcross() || y >= tilesDown()) {
            throw HttpError.notFound("tile " + x + "," + y + " does not exist at this level");
        }
        int tx = x * tileSize, ty = y * tileSize;
        int tw = Math.min(tileSize, width - tx), th = Math.min(tileSize, height - ty);
        double fx = (double) info.width() / width, fy = (double) info.height() / height;
        int left = (int) Math.round(tx * fx), top = (int) Math.round(ty * fy);
        int right = tx + tw == width ? info.width() : (int) Math.round((tx + tw) * fx);
        int bottom = ty + th == height ? info.height() : (int) Math.round((ty + th) * fy);
        Rect region = new Rect(left, top, Math.max(1, right - left), Math.max(1, bottom - top));
        Optional<TileAddress> tile = Optional.empty();
        if (nativeLevel.isPresent()) {
            Level l = info.levels().get(nativeLevel.get());
            if (l.tileWidth() == tileSize && l.tileHeight() == tileSize) tile = Optional.of(new TileAddress(nativeLevel.get(), x, y));
        }
        return new ImageRequest(identifier, 0, region, tw, th, Rotation.NONE, Quality.DEFAULT, format, encoderQuality, tile);
    }
}
