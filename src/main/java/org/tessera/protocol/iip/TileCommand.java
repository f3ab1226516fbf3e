package org.tessera.protocol.iip;

import java.util.List;
import java.util.Optional;
import org.tessera.http.HttpError;
import org.tessera.http.HttpResponse;
import org.tessera.image.ImageInfo;
import org.tessera.image.Level;
import org.tessera.image.Rect;
import org.tessera.request.ImageRequest;
import org.tessera.request.OutputFormat;
import org.tessera.request.Rotation;
import org.tessera.request.TileAddress;
import org.tessera.service.RenderedImage;

/**
 * {@code JTL=r,t} and its siblings (PTL PNG, WTL WebP, TTL TIFF): tile t (row-major) of IIP
 * resolution r (0 = smallest level), edge tiles cropped.
 */
final class TileCommand {
    private TileCommand() {
    }

    static HttpResponse run(String command, String argument, OutputFormat format, Session s) {
        List<Integer> args = Args.integers(command, argument);
        if (args.size() != 2) throw HttpError.badRequest(command + ": expected resolution,tile");
        return render(args.get(0), args.get(1), format, s);
    }

    static HttpResponse render(int resolution, int tile, OutputFormat format, Session s) {
        ImageRequest request = request(s.info(), s.identifier(), resolution, tile, format, s.view);
        RenderedImage image = s.renderer.render(s.source(), request);
        return s.responses.image(image, s.lastModified(), null, false);
    }

    /** The protocol-neutral request for one tile; exposed for tests of the address mapping. */
    static ImageRequest request(ImageInfo info, String identifier, int resolution, int tile, OutputFormat format,
                                View view) {
        int n = info.levelCount();
        if (resolution < 0 || resolution >= n) {
            throw HttpError.badRequest("resolution " + resolution + " out of range 0-" + (n - 1));
        }
        int nativeLevel = info.nativeIndex(resolution);
        Level level = info.levels().get(nativeLevel);
        if (tile < 0) throw HttpError.badRequest("negative tile index " + tile);
        if (tile >= level.tileCount()) throw HttpError.notFound("tile does not exist");
        int angle = view.rightAngle();
        // iipsrv: with ROT=180 the client counts tiles in the rotated grid; 90/270 are not remapped,
        // nor is ROT=!180, which iipsrv treats as a vertical flip without rotation.
        if (angle == 180 && !view.rotation.mirror()) tile = level.tileCount() - 1 - tile;
        int col = tile % level.tilesAcross(), row = tile / level.tilesAcross();
        Rect inLevel = level.tileRect(col, row);
        Rect region = toFullResolution(inLevel, level, info.fullLevel());
        if (view.page >= Math.max(1, info.pages())) throw HttpError.badRequest("SDS: page " + view.page + " does not exist");
        return new ImageRequest(identifier, view.page, region, inLevel.width(), inLevel.height(),
                new Rotation(angle, view.rotation.mirror()), view.quality, format, view.encoderQualityFor(format),
                Optional.of(new TileAddress(nativeLevel, col, row)), view.processing);
    }

    /** A rectangle of a reduced level, in full-resolution pixels; edges that touch the level's edge touch the image's. */
    static Rect toFullResolution(Rect r, Level level, Level full) {
        long x0 = (long) r.x() * full.width() / level.width();
        long y0 = (long) r.y() * full.height() / level.height();
        long x1 = r.right() >= level.width() ? full.width() : (long) r.right() * full.width() / level.width();
        long y1 = r.bottom() >= level.height() ? full.height() : (long) r.bottom() * full.height() / level.height();
        return new Rect((int) x0, (int) y0, (int) Math.max(1, x1 - x0), (int) Math.max(1, y1 - y0));
    }
}
