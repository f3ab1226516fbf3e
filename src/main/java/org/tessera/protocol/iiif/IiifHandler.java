package org.tessera.protocol.iiif;

import org.tessera.protocol.PercentDecoding;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.http.Header;
import org.tessera.http.HttpError;
import org.tessera.http.HttpResponse;
import org.tessera.image.ImageInfo;
import org.tessera.image.Rect;
import org.tessera.protocol.ProtocolContext;
import org.tessera.protocol.ProtocolHandler;
import org.tessera.request.ImageRequest;
import org.tessera.request.OutputFormat;
import org.tessera.request.Rotation;
import org.tessera.request.TileAddress;
import org.tessera.service.RenderedImage;
import org.tessera.source.ImageSource;

/**
 * The IIIF Image API 3.0 and 2.1 (command {@code IIIF=}, or a URI_MAP path): base URI redirect,
 * info.json and image requests. See docs/iiif.md for every decision and deviation from iipsrv.
 */
public final class IiifHandler implements ProtocolHandler {
    private static final Logger LOG = LoggerFactory.getLogger(IiifHandler.class);

    private final Set<OutputFormat> availableFormats;

    /** @param availableFormats the formats the wired codecs can encode; only these are advertised and served */
    public IiifHandler(Set<OutputFormat> availableFormats) {
        this.availableFormats = availableFormats.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(availableFormats));
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
        try (ImageSource source = ctx.images().open(target.identifier())) {
            ImageInfo info = source.info();
            checkPage(info, target);
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
        } catch (IOException e) {
            throw closeFailure(e);
        }
    }

    private HttpResponse image(ProtocolContext ctx, IiifVersion version, boolean privateCache, String raw, IiifPath path) {
        Target target = target(ctx, path.rawIdentifier());
        try (ImageSource source = ctx.images().open(target.identifier())) {
            ImageInfo info = source.info();
            checkPage(info, target);
            int limit = ctx.config().maxCvtBound();
            Rect region = RegionParser.parse(path.region(), info.width(), info.height());
            SizeParser sizes = new SizeParser(version, limit, limit, ctx.config().allowUpscaling());
            SizeParser.Size size = sizes.parse(path.size(), region.width(), region.height());
            Rotation rotation = RotationParser.parse(path.rotation());
            QualityFormatParser.QualityFormat qf = QualityFormatParser.parse(path.qualityFormat(), version, availableFormats,
                    ctx.config().iiifExtensions());

            String cacheControl = cacheControl(ctx, privateCache);
            Optional<HttpResponse> notModified = ctx.responses().notModified(ctx.http(), info.lastModified());
            if (notModified.isPresent()) return withCacheControl(notModified.get(), cacheControl);

            Optional<TileAddress> tile = PyramidScales.exactTile(info, region, size.width(), size.height(),
                    size.widthDerived() ? 1 : 0, size.heightDerived() ? 1 : 0);
            if (tile.isPresent()) {
                // Snap a server-rounded dimension to the stored tile's real size.
                Rect t = info.levels().get(tile.get().level()).tileRect(tile.get().col(), tile.get().row());
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
            String filename = tile.isPresent() ? null : filename(target.identifier(), rendered);
            HttpResponse response = ctx.responses().image(rendered, info.lastModified(), filename, false);
            if (privateCache) response = withCacheControl(response, cacheControl);
            return response.withHeaders(List.of(
                    new Header("Link", "<" + version.level2Profile() + ">;rel=\"profile\""),
                    new Header("Link", "<" + canonical + ">;rel=\"canonical\"")));
        } catch (IOException e) {
            throw closeFailure(e);
        }
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

    private static void checkPage(ImageInfo info, Target target) {
        if (target.page() >= info.pages()) throw HttpError.notFound("IIIF: page " + target.page() + " does not exist");
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
        return new HttpResponse(r.status(), headers, r.body());
    }

    private static String filename(String identifier, RenderedImage image) {
        String name = identifier.substring(identifier.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        if (dot > 0) name = name.substring(0, dot);
        name = name.replaceAll("[^A-Za-z0-9._-]", "_");
        if (name.isEmpty()) name = "image";
        return name + "_" + image.width() + "x" + image.height() + "." + image.format().extension();
    }

    private static HttpError closeFailure(IOException e) {
        LOG.warn("IIIF: closing an image source failed: {}", e.toString());
        return new HttpError(500, "IIIF: internal error", e);
    }

    private record Target(String identifier, int page) {
    }
}
