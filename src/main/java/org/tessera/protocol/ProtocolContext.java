package org.tessera.protocol;

import java.time.Instant;
import org.tessera.config.Config;
import org.tessera.http.HttpRequest;
import org.tessera.http.HttpResponse;
import org.tessera.request.ImageRequest;
import org.tessera.service.ImageService;
import org.tessera.source.ImageRepository;
import org.tessera.source.ImageSource;

/**
 * One request as a protocol handler sees it: the HTTP request, the engine, the IIP-style request
 * string being executed (query string, POST body or the URI_MAP-derived "iiif=..." form) and the
 * QLT given earlier in the same request (-1 when none).
 */
public record ProtocolContext(HttpRequest http, Engine engine, String requestString, int encoderQuality) {

    public Config config() { return engine.config(); }

    public ImageRepository images() { return engine.images(); }

    public ImageService renderer() { return engine.renderer(); }

    public Responses responses() { return engine.responses(); }

    public ProtocolContext withEncoderQuality(int quality) {
        return quality == encoderQuality ? this : new ProtocolContext(http, engine, requestString, quality);
    }

    /** 304 when the client's copy is current, else the rendered image (no Content-Disposition). */
    public HttpResponse renderTile(ImageSource source, ImageRequest request) {
        Instant mtime = source.info().lastModified();
        return responses().notModified(http, mtime)
                .orElseGet(() -> responses().image(renderer().render(source, request), mtime, null, false));
    }
}
