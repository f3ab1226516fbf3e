package org.tessera.protocol.iiif;

import java.util.Optional;
import org.tessera.image.ImageInfo;
import org.tessera.image.Level;
import org.tessera.image.Rect;
import org.tessera.request.TileAddress;

/**
 * The power-of-two scale factor of every stored level, computed from the real level sizes (a
 * floor- or ceil-halved pyramid level is still "2^k"), and the tile grid those factors imply.
 */
public final class PyramidScales {
    private PyramidScales() {
    }

    /** Scale factor of native level {@code k}: 2^round(log2(fullWidth / levelWidth)). */
    public static int factor(ImageInfo info, int k) {
        if (k == 0) return 1;
        Level l = info.levels().get(k);
        double ratio = Math.max((double) info.width() / l.width(), (double) info.height() / l.height());
        int exp = (int) Math.round(Math.log(ratio) / Math.log(2));
        return 1 << Math.max(0, Math.min(30, exp));
    }

    /** The native level whose scale factor is exactly {@code factor}, if any. */
    public static Optional<Integer> levelWithFactor(ImageInfo info, int factor) {
        for (int k = 0; k < info.levelCount(); k++) {
            if (factor(info, k) == factor) return Optional.of(k);
        }
        return Optional.empty();
    }

    /**
     * The stored tile a region+size request addresses exactly: the region is one cell of a level's
     * tile grid scaled to full resolution (cropped at the image edge) and the size is that tile's
     * real size. This is what OpenSeadragon, Mirador and Leaflet-IIIF send for every tile.
     */
    public static Optional<TileAddress> exactTile(ImageInfo info, Rect region, int width, int height) {
        return exactTile(info, region, width, height, 0, 0);
    }

    /**
     * As {@link #exactTile(ImageInfo, Rect, int, int)}, letting width/height differ from the
     * stored tile by up to {@code slackW}/{@code slackH} pixels (a dimension the client left to
     * the server's rounding, e.g. the height of a 2.x "w," size on a floor-halved pyramid).
     */
    public static Optional<TileAddress> exactTile(ImageInfo info, Rect region, int width, int height, int slackW, int slackH) {
        for (int k = 0; k < info.levelCount(); k++) {
            Level l = info.levels().get(k);
            long s = factor(info, k);
            long spanW = l.tileWidth() * s, spanH = l.tileHeight() * s;
            if (region.x() % spanW != 0 || region.y() % spanH != 0) continue;
            int col = (int) (region.x() / spanW), row = (int) (region.y() / spanH);
            if (col >= l.tilesAcross() || row >= l.tilesDown()) continue;
            if (region.width() != Math.min(spanW, info.width() - region.x())) continue;
            if (region.height() != Math.min(spanH, info.height() - region.y())) continue;
            Rect t = l.tileRect(col, row);
            if (Math.abs(t.width() - width) <= slackW && Math.abs(t.height() - height) <= slackH) return Optional.of(new TileAddress(k, col, row));
        }
        return Optional.empty();
    }
}
