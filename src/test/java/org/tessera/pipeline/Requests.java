package org.tessera.pipeline;

import java.util.Optional;
import org.tessera.image.Rect;
import org.tessera.request.ImageRequest;
import org.tessera.format.OutputFormat;
import org.tessera.request.Quality;
import org.tessera.request.Rotation;
import org.tessera.image.TileAddress;

/** Short ways to build requests in tests. */
public final class Requests {
    private Requests() {
    }

    public static ImageRequest region(Rect region, int width, int height) {
        return new ImageRequest("img.tif", 0, region, width, height, Rotation.NONE, Quality.DEFAULT, OutputFormat.JPEG,
                -1, Optional.empty());
    }

    public static ImageRequest region(Rect region, int width, int height, Rotation rotation, Quality quality,
                                      OutputFormat format, int encoderQuality) {
        return new ImageRequest("img.tif", 0, region, width, height, rotation, quality, format, encoderQuality,
                Optional.empty());
    }

    /** A stored tile as IIP JTL asks for it: the tile's own region and size. */
    public static ImageRequest tile(org.tessera.image.ImageInfo info, int level, int col, int row, OutputFormat format,
                                    int encoderQuality) {
        var l = info.levels().get(level);
        Rect cell = l.tileRect(col, row);
        double fx = (double) info.width() / l.width(), fy = (double) info.height() / l.height();
        Rect full = new Rect((int) Math.round(cell.x() * fx), (int) Math.round(cell.y() * fy),
                Math.max(1, (int) Math.round(cell.width() * fx)), Math.max(1, (int) Math.round(cell.height() * fy)));
        full = full.intersect(new Rect(0, 0, info.width(), info.height()));
        return new ImageRequest("img.tif", 0, full, cell.width(), cell.height(), Rotation.NONE, Quality.DEFAULT, format,
                encoderQuality, Optional.of(new TileAddress(level, col, row)));
    }

    public static ImageRequest withRotation(ImageRequest r, Rotation rotation) {
        return new ImageRequest(r.identifier(), r.page(), r.region(), r.width(), r.height(), rotation, r.quality(),
                r.format(), r.encoderQuality(), r.tile());
    }

    public static ImageRequest withQuality(ImageRequest r, Quality quality) {
        return new ImageRequest(r.identifier(), r.page(), r.region(), r.width(), r.height(), r.rotation(), quality,
                r.format(), r.encoderQuality(), r.tile());
    }
}
