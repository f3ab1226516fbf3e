package org.tessera.protocol.zoomify;

import org.tessera.protocol.PercentDecoding;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tessera.http.HttpError;
import org.tessera.http.HttpResponse;
import org.tessera.image.GridLevel;
import org.tessera.image.ImageInfo;
import org.tessera.image.PyramidGeometry;
import org.tessera.protocol.ProtocolContext;
import org.tessera.protocol.ProtocolHandler;
import org.tessera.protocol.deepzoom.GridTiles;
import org.tessera.protocol.deepzoom.TileFormats;
import org.tessera.request.ImageRequest;
import org.tessera.format.OutputFormat;
import org.tessera.format.OutputFormats;
import org.tessera.source.ImageSource;

/**
 * Zoomify (command {@code Zoomify=}): {@code {path}/ImageProperties.xml} and
 * {@code {path}/TileGroup{g}/{z}-{x}-{y}.jpg}. The group number is ignored (IIPMooViewer always
 * sends TileGroup0). Zoomify level 0 is the largest halving of the image that fits in one tile,
 * exactly as clients compute it; levels the pyramid lacks are made by downsampling.
 */
public final class ZoomifyHandler implements ProtocolHandler {
    private static final String PROPERTIES = "ImageProperties.xml";
    private static final String GROUP = "/TileGroup";

    private final OutputFormats availableFormats;

    public ZoomifyHandler(OutputFormats availableFormats) {
        this.availableFormats = availableFormats;
    }

    @Override
    public HttpResponse handle(String argument, ProtocolContext ctx) {
        int slash = argument.lastIndexOf('/');
        if (slash > 0 && argument.substring(slash + 1).equals(PROPERTIES)) {
            return properties(PercentDecoding.pathSegment(argument.substring(0, slash)), ctx);
        }
        int group = argument.lastIndexOf(GROUP);
        if (group <= 0) throw HttpError.badRequest("Zoomify: expected {image}/ImageProperties.xml or {image}/TileGroup{g}/{z}-{x}-{y}.jpg");
        String identifier = PercentDecoding.pathSegment(argument.substring(0, group));
        String rest = argument.substring(group + GROUP.length());
        int s = rest.indexOf('/');
        if (s < 0 || !rest.substring(0, s).matches("[0-9]{1,9}")) throw HttpError.badRequest("Zoomify: invalid tile group");
        String name = rest.substring(s + 1);
        int dot = name.lastIndexOf('.');
        OutputFormat format = TileFormats.fromExtension(dot < 0 ? "" : name.substring(dot + 1), availableFormats, "Zoomify");
        String[] zxy = (dot < 0 ? name : name.substring(0, dot)).split("-", -1);
        if (zxy.length != 3) throw HttpError.badRequest("Zoomify: tile name must be {level}-{x}-{y}.jpg");
        int z = TileFormats.coordinate(zxy[0], "Zoomify");
        int x = TileFormats.coordinate(zxy[1], "Zoomify");
        int y = TileFormats.coordinate(zxy[2], "Zoomify");
        return tile(identifier, z, x, y, format, ctx);
    }

    /** Zoomify's levels, index 0 = smallest (fits one tile), last = full size. */
    public static List<GridLevel> levels(ImageInfo info) {
        int ts = info.fullLevel().tileWidth();
        int halvings = 0;
        int w = info.width(), h = info.height();
        while (w > ts || h > ts) {
            w /= 2;
            h /= 2;
            halvings++;
        }
        PyramidGeometry geometry = new PyramidGeometry(info);
        List<GridLevel> levels = new ArrayList<>();
        for (int k = halvings; k >= 0; k--) levels.add(geometry.halved(k, ts, false));
        return levels;
    }

    private HttpResponse properties(String identifier, ProtocolContext ctx) {
        return ctx.withImage(identifier, source -> {
            ImageInfo info = source.info();
            Optional<HttpResponse> nm = ctx.responses().notModified(ctx.http(), info.lastModified());
            if (nm.isPresent()) return nm.get();
            long tiles = 0;
            for (GridLevel l : levels(info)) tiles += (long) l.tilesAcross() * l.tilesDown();
            String body = "<IMAGE_PROPERTIES WIDTH=\"" + info.width() + "\" HEIGHT=\"" + info.height() + "\" NUMTILES=\"" + tiles
                    + "\" NUMIMAGES=\"1\" VERSION=\"1.8\" TILESIZE=\"" + info.fullLevel().tileWidth() + "\"/>";
            return ctx.responses().document("application/xml", body, info.lastModified(), null);
        });
    }

    private HttpResponse tile(String identifier, int z, int x, int y, OutputFormat format, ProtocolContext ctx) {
        return ctx.withImage(identifier, source -> {
            ImageInfo info = source.info();
            List<GridLevel> levels = levels(info);
            if (z >= levels.size()) throw HttpError.notFound("Zoomify: level " + z + " does not exist");
            ImageRequest request = GridTiles.request(new PyramidGeometry(info), levels.get(z), identifier, x, y, format,
                    ctx.encoderQuality());
            return ctx.renderTile(source, request);
        });
    }
}
