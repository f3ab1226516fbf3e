package org.tessera.protocol;

import java.time.Instant;
import org.tessera.config.Config;
import org.tessera.http.HttpResponse;
import org.tessera.request.ImageRequest;
import org.tessera.source.ImageSource;
import org.tessera.http.HttpRequest;
import org.tessera.server.Responses;
import org.tessera.service.ImageService;
import org.tessera.source.ImageRepository;

/**
 * What a protocol handler needs for one request: the request itself, configuration, images,
 * the renderer and the response builder.
 *
 * @param requestString  the IIP-style request string being executed (query string, POST body or
 *                       the URI_MAP-derived "iiif=..." form)
 * @param encoderQuality QLT given earlier in the same request, -1 when none
 */
public record ProtocolContext(HttpRequest http, Config config, ImageRepository images, ImageService renderer,
                              Responses responses, String requestString, int encoderQuality) {

    /** 304 when the client's copy is current, else the rendered image (no Content-Disposition). */
    public HttpResponse renderTile(ImageSource source, ImageRequest request) {
        Instant mtime = source.info().lastModified();
        return responses.notModified(http, mtime)
                .orElseGet(() -> responses.image(renderer.render(source, request), mtime, null, false));
    }
}
