package org.tessera.protocol;

import java.io.IOException;
import java.time.Instant;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    private static final Logger LOG = LoggerFactory.getLogger(ProtocolContext.class);

    public Config config() { return engine.config(); }

    public ImageRepository images() { return engine.images(); }

    public ImageService renderer() { return engine.renderer(); }

    public Responses responses() { return engine.responses(); }

    public ProtocolContext withEncoderQuality(int quality) {
        return quality == encoderQuality ? this : new ProtocolContext(http, engine, requestString, quality);
    }

    /**
     * Opens the image, answers with it and closes it. A failure to close is logged: the answer
     * is already right and the handle is gone either way.
     */
    public HttpResponse withImage(String identifier, Function<ImageSource, HttpResponse> answer) {
        ImageSource source = images().open(identifier);
        try {
            return answer.apply(source);
        } finally {
            try {
                source.close();
            } catch (IOException e) {
                LOG.warn("closing image {} failed: {}", identifier, e.toString());
            }
        }
    }

    /** 304 when the client's copy is current, else the rendered image (no Content-Disposition). */
    public HttpResponse renderTile(ImageSource source, ImageRequest request) {
        Instant mtime = source.info().lastModified();
        return responses().notModified(http, mtime)
                .orElseGet(() -> responses().image(renderer().render(source, request), mtime, null, false));
    }
}
