package org.tessera.protocol.iiif;

import org.tessera.protocol.DownloadName;
import org.tessera.protocol.PercentDecoding;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tessera.http.Header;
import org.tessera.http.HttpError;
import org.tessera.http.HttpResponse;
import org.tessera.image.ImageInfo;
import org.tessera.image.PyramidGeometry;
import org.tessera.image.Rect;
import org.tessera.protocol.ProtocolContext;
import org.tessera.protocol.ProtocolHandler;
import org.tessera.request.ImageRequest;
import org.tessera.format.OutputFormats;
import org.tessera.request.Rotation;
import org.tessera.image.TileAddress;
import org.tessera.service.RenderedImage;
import org.tessera.source.ImageSource;

/**
 * The IIIF Image API 3.0 and 2.1 (command {@code IIIF=}, or a URI_MAP path): base URI redirect,
 * info.json and image requests. See docs/iiif.md for every decision and deviation from iipsrv.
 */
public final class IiifHandler implements ProtocolHandler {

    private final OutputFormats availableFormats;

    /** @param availableFormats the formats the wired codecs can encode; only these are advertised and served */
    public IiifHandler(OutputFormats availableFormats) {
        this.availableFormats = availableFormats;
    }

    @Override
    public HttpResponse handle(String argument, ProtocolContext ctx) {
        IiifVersion configured = IiifVersion.of(ctx.config().iiifVersion());
        Optional<IiifVersion> asked = IiifVersion.requestedBy(ctx.http().header("accept"));
        IiifVersion version = asked.orElse(configured);
        // A negotiated answer differs from what the same URL gives others: keep it out of shared caches.
        boolean privateCache = asked.isPresent() && asked.get() != configured;

        IiifPath path = IiifPath.parse(argument);
        String raw = argument;
        while (raw.endsWith("/")) raw = raw.substring(0, raw.length() - 1);
        return switch (path.kind()) {
            case BASE -> ctx.responses().redirect(ServiceId.of(ctx, raw, path.rawIdentifier()) + "/info.json");
            case INFO -> info(ctx, version, privateCache, raw, path);
            case IMAGE -> image(ctx, version, privateCache, raw, path);
        };
    }

    private HttpResponse info(ProtocolContext ctx, IiifVersion version, boolean privateCache, String raw, IiifPath path) {
        Target target = target(ctx, path.rawIdentifier());
        return ctx.withImage(target.identifier(), source -> {
            ImageInfo info = source.info();
            new PyramidGeometry(info).checkPage(target.page());
            String cacheControl = cacheControl(ctx, privateCache);
            Optional<HttpResponse> notModified = ctx.responses().notModified(ctx.http(), info.lastModified());
            if (notModified.isPresent()) {
                return withCacheControl(notModified.get(), cacheControl).withHeaders(List.of(new Header("Vary", "Accept")));
            }
            String id = ServiceId.of(ctx, raw, path.rawIdentifier());
            String body = new InfoJson(ctx.config(), availableFormats).render(version, id, info);
            String type = MediaTypes.infoContentType(version, ctx.http().header("accept"));
            return ctx.responses().document(type, body, info.lastModified(), cacheControl)
                    .withHeaders(List.of(new Header("Vary", "Accept")));
        });
    }

    private HttpResponse image(ProtocolContext ctx, IiifVersion version, boolean privateCache, String raw, IiifPath path) {
        Target target = target(ctx, path.rawIdentifier());
        return ctx.withImage(target.identifier(), source -> {
            ImageInfo info = source.info();
            PyramidGeometry geometry = new PyramidGeometry(info);
            geometry.checkPage(target.page());
            Rect region = RegionParser.parse(path.region(), info.width(), info.height());
            SizeParser sizes = new SizeParser(version, SizeLimits.of(ctx.config()), ctx.config().allowUpscaling());
            SizeParser.Size size = sizes.parse(path.size(), region.width(), region.height());
            Rotation rotation = RotationParser.parse(path.rotation());
            QualityFormatParser.QualityFormat qf = QualityFormatParser.parse(path.qualityFormat(), version, availableFormats,
                    ctx.config().iiifExtensions());

            String cacheControl = cacheControl(ctx, privateCache);
            Optional<HttpResponse> notModified = ctx.responses().notModified(ctx.http(), info.lastModified());
            if (notModified.isPresent()) return withCacheControl(notModified.get(), cacheControl);

            Optional<TileAddress> tile = geometry.exactTile(region, size.width(), size.height(),
                    size.widthDerived() ? 1 : 0, size.heightDerived() ? 1 : 0);
            if (tile.isPresent()) {
                // Snap a server-rounded dimension to the stored tile's real size.
                Rect t = geometry.tileRect(tile.get());
                size = new SizeParser.Size(t.width(), t.height());
            }
            ImageRequest request = new ImageRequest(target.identifier(), target.page(), region, size.width(), size.height(),
                    rotation, qf.quality(), qf.format(), ctx.encoderQuality(), tile, qf.processing());
            RenderedImage rendered = ctx.renderer().render(source, request);

            String canonical = ServiceId.of(ctx, raw, path.rawIdentifier()) + "/"
                    + RegionParser.canonical(region, info.width(), info.height()) + "/"
                    + sizes.canonical(size, region.width(), region.height()) + "/"
                    + RotationParser.canonical(rotation) + "/"
                    + qf.qualityWord() + "." + qf.format().extension();
            String filename = tile.isPresent() ? null
                    : DownloadName.of(target.identifier(), rendered.width(), rendered.height(), rendered.format());
            HttpResponse response = ctx.responses().image(rendered, info.lastModified(), filename, false);
            if (privateCache) response = withCacheControl(response, cacheControl);
            // One Link line, comma-separated: some clients read only the first Link header.
            return response.withHeaders(List.of(new Header("Link",
                    "<" + version.level2Profile() + ">;rel=\"profile\", <" + canonical + ">;rel=\"canonical\"")));
        });
    }

    /** The decoded identifier and, with IIIF_DELIMITER, the page number after the delimiter's last occurrence. */
    private static Target target(ProtocolContext ctx, String rawIdentifier) {
        String id = PercentDecoding.pathSegment(rawIdentifier);
        String delimiter = ctx.config().iiifDelimiter();
        if (delimiter != null && !delimiter.isEmpty()) {
            int at = id.lastIndexOf(delimiter);
            if (at > 0) {
                String page = id.substring(at + delimiter.length());
                // Only a number is a page: the delimiter may also occur in ordinary file names.
                if (page.matches("[0-9]{1,9}")) return new Target(id.substring(0, at), Integer.parseInt(page));
            }
        }
        return new Target(id, 0);
    }

    private static String cacheControl(ProtocolContext ctx, boolean privateCache) {
        String base = ctx.config().cacheControl();
        if (!privateCache) return base;
        List<String> parts = new ArrayList<>();
        parts.add("private");
        for (String p : base.split(",")) {
            String t = p.trim();
            if (!t.isEmpty() && !t.equalsIgnoreCase("public") && !t.equalsIgnoreCase("private")) parts.add(t);
        }
        return String.join(", ", parts);
    }

    private static HttpResponse withCacheControl(HttpResponse r, String value) {
        List<Header> headers = new ArrayList<>();
        for (Header h : r.headers()) {
            headers.add(h.name().equalsIgnoreCase("Cache-Control") ? new Header(h.name(), value) : h);
        }
        return r.withHeadersReplaced(headers);
    }

    private record Target(String identifier, int page) {
    }
}
