package org.tessera.protocol.iip;

import java.util.List;
import java.util.Optional;
import org.tessera.http.HttpError;
import org.tessera.http.HttpResponse;
import org.tessera.image.ImageInfo;
import org.tessera.image.Level;
import org.tessera.image.PyramidGeometry;
import org.tessera.image.Rect;
import org.tessera.request.ImageRequest;
import org.tessera.format.OutputFormat;
import org.tessera.request.Rotation;
import org.tessera.image.TileAddress;
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
        RenderedImage image = s.context().renderer().render(s.source(), request);
        return s.context().responses().image(image, s.lastModified(), null, false);
    }

    /** The protocol-neutral request for one tile; exposed for tests of the address mapping. */
    static ImageRequest request(ImageInfo info, String identifier, int resolution, int tile, OutputFormat format,
                                View view) {
        PyramidGeometry geometry = new PyramidGeometry(info);
        int nativeLevel = geometry.nativeLevel(resolution);
        geometry.checkPage(view.page);
        int angle = view.rightAngle();
        // iipsrv: with ROT=180 the client counts tiles in the rotated grid; 90/270 are not remapped,
        // nor is ROT=!180, which iipsrv treats as a vertical flip without rotation.
        TileAddress address = geometry.tileAt(nativeLevel, tile);
        Level level = geometry.level(nativeLevel);
        if (angle == 180 && !view.rotation.mirror()) address = geometry.tileAt(nativeLevel, level.tileCount() - 1 - tile);
        Rect inLevel = geometry.tileRect(address);
        Rect region = geometry.toFullResolution(inLevel, level.width(), level.height());
        return new ImageRequest(identifier, view.page, region, inLevel.width(), inLevel.height(),
                new Rotation(angle, view.rotation.mirror()), view.quality, format, view.encoderQualityFor(format),
                Optional.of(address));
    }
}
