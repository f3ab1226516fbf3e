package org.tessera.protocol;

import org.tessera.config.Config;
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
}
