package org.tessera.protocol.deepzoom;

import org.tessera.protocol.PercentDecoding;
import java.util.Optional;
import org.tessera.http.HttpError;
import org.tessera.http.HttpResponse;
import org.tessera.image.GridLevel;
import org.tessera.image.ImageInfo;
import org.tessera.image.PyramidGeometry;
import org.tessera.protocol.ProtocolContext;
import org.tessera.protocol.ProtocolHandler;
import org.tessera.request.ImageRequest;
import org.tessera.format.OutputFormat;
import org.tessera.format.OutputFormats;
import org.tessera.source.ImageSource;

/**
 * DeepZoom (command {@code DeepZoom=}): {@code {path}.dzi} descriptors and
 * {@code {path}_files/{L}/{x}_{y}.{ext}} tiles. Level D = ceil(log2(max(W,H))) is full size and
 * each level below halves it (ceil), down to 1x1 at level 0; levels the pyramid does not store
 * are made by downsampling the whole image to exactly the size DeepZoom expects.
 */
public final class DeepZoomHandler implements ProtocolHandler {
    private static final String FILES = "_files/";

    private final OutputFormats availableFormats;

    public DeepZoomHandler(OutputFormats availableFormats) {
        this.availableFormats = availableFormats;
    }

    @Override
    public HttpResponse handle(String argument, ProtocolContext ctx) {
        if (argument.endsWith(".dzi")) return descriptor(PercentDecoding.pathSegment(argument.substring(0, argument.length() - 4)), ctx);
        int files = argument.lastIndexOf(FILES);
        if (files <= 0) throw HttpError.badRequest("DeepZoom: expected {image}.dzi or {image}_files/{level}/{x}_{y}.{format}");
        String identifier = PercentDecoding.pathSegment(argument.substring(0, files));
        String[] parts = argument.substring(files + FILES.length()).split("/", -1);
        if (parts.length != 2) throw HttpError.badRequest("DeepZoom: tile path must be {level}/{x}_{y}.{format}");
        int level = TileFormats.coordinate(parts[0], "DeepZoom");
        String name = parts[1];
        int dot = name.lastIndexOf('.');
        OutputFormat format = TileFormats.fromExtension(dot < 0 ? "" : name.substring(dot + 1), availableFormats, "DeepZoom");
        String[] xy = (dot < 0 ? name : name.substring(0, dot)).split("_", -1);
        if (xy.length != 2) throw HttpError.badRequest("DeepZoom: tile name must be {x}_{y}.{format}");
        int x = TileFormats.coordinate(xy[0], "DeepZoom"), y = TileFormats.coordinate(xy[1], "DeepZoom");
        return tile(identifier, level, x, y, format, ctx);
    }

    /** DeepZoom's top level: ceil(log2(max(W,H))). */
    public static int topLevel(ImageInfo info) {
        int max = Math.max(info.width(), info.height());
        return max <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(max - 1);
    }

    private HttpResponse descriptor(String identifier, ProtocolContext ctx) {
        return ctx.withImage(identifier, source -> {
            ImageInfo info = source.info();
            Optional<HttpResponse> nm = ctx.responses().notModified(ctx.http(), info.lastModified());
            if (nm.isPresent()) return nm.get();
            String body = "<Image xmlns=\"http://schemas.microsoft.com/deepzoom/2008\" TileSize=\"" + info.fullLevel().tileWidth()
                    + "\" Overlap=\"0\" Format=\"jpg\"><Size Width=\"" + info.width() + "\" Height=\"" + info.height() + "\"/></Image>";
            return ctx.responses().document("application/xml", body, info.lastModified(), null);
        });
    }

    private HttpResponse tile(String identifier, int level, int x, int y, OutputFormat format, ProtocolContext ctx) {
        return ctx.withImage(identifier, source -> {
            ImageInfo info = source.info();
            int top = topLevel(info);
            if (level > top) throw HttpError.notFound("DeepZoom: level " + level + " does not exist (top level is " + top + ")");
            PyramidGeometry geometry = new PyramidGeometry(info);
            GridLevel grid = geometry.halved(top - level, info.fullLevel().tileWidth(), true);
            ImageRequest request = GridTiles.request(geometry, grid, identifier, x, y, format, ctx.encoderQuality());
            return ctx.renderTile(source, request);
        });
    }
}
